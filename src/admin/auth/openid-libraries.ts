import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type * as Jose from 'jose' with { 'resolution-mode': 'import' };

export type { OpenIdClient, Jose };

/**
 * openid-client and jose are ES modules only; this project compiles to CommonJS, where a static
 * `import` would become a `require` that tsc refuses to type (TS1479). A dynamic `import()` is
 * what Node, tsx and the compiled build all load; the tests' Jest turns it into a `require` of a
 * transformed copy (jest.config.js). Loaded once, on the first sign-in or bearer token.
 */
export const loadOpenIdClient = (): Promise<typeof OpenIdClient> => import('openid-client');
export const loadJose = (): Promise<typeof Jose> => import('jose');
