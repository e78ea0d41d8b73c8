import type { RequestHandler } from 'express';
import helmet from 'helmet';

/**
 * What every page may load: its own scripts, styles, images and fonts, nothing inline that runs,
 * nothing from another site, and never inside a frame. The HR page narrows it further (no script
 * at all); Bull Board's page fits it as it is: its one inline `<script>` is a JSON data block
 * (`type="application/json"`), which browsers never run, so CSP does not govern it, and its
 * stylesheet from fonts.googleapis.com is refused (the board falls back to system fonts).
 * Inline styles are allowed: Bull Board's loading screen and the HR page use them, and a style
 * cannot run code.
 */
export const PAGE_CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
} as const;

/** No answer is stored by a browser or proxy: they show live state, and some hold identifiers. */
const noStore: RequestHandler = (_req, res, next) => {
  res.set('Cache-Control', 'no-store');
  next();
};

/**
 * The headers of every answer, set once for the whole app (Bull Board's own express app included):
 * helmet's defaults (`nosniff`, HSTS, no `X-Powered-By`, …) with the CSP above, `X-Frame-Options:
 * DENY` and `Referrer-Policy: same-origin`, plus `Cache-Control: no-store` (connector.md).
 * Bull Board's static files keep it: express.static sets its own only when none is set.
 */
export function securityHeaders(): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: { useDefaults: false, directives: PAGE_CSP_DIRECTIVES },
      xFrameOptions: { action: 'deny' },
      // not helmet's `no-referrer`: under it a browser sends `Origin: null` with the HR page's own
      // form posts, which the CSRF check (write-guard.ts) must then refuse as cross-site
      referrerPolicy: { policy: 'same-origin' },
    }),
    noStore,
  ];
}
