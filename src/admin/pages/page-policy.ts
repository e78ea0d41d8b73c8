import type { ServerResponse } from 'node:http';
import helmet from 'helmet';

/**
 * `form-action` beyond this site: the provider's sign-out origin for a signed-in person, whose
 * Sign out form ends in a redirect there (browsers hold a form's redirects to `form-action`).
 */
const signOutOrigin = (_req: unknown, res: ServerResponse): string =>
  (res as ServerResponse & { locals?: { formActionOrigin?: string } }).locals?.formActionOrigin ?? "'self'";

/**
 * The Content-Security-Policy of every HR page (it replaces the app's, which allows inline styles
 * for Bull Board): this site's stylesheet, scripts and images only, nothing inline (no inline
 * script or style, no event-handler attributes), no plugins, forms post here only (a sign-out then
 * goes on to the provider), never framed.
 * The app sets the other headers (no-store, nosniff, DENY). A page added by another router uses
 * this one too.
 */
export const pagePolicy = helmet.contentSecurityPolicy({
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'", signOutOrigin],
    frameAncestors: ["'none'"],
  },
});
