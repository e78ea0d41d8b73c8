import helmet from 'helmet';

/**
 * The Content-Security-Policy of every HR page (it replaces the app's, which allows inline styles
 * for Bull Board): this site's stylesheet, scripts and images only, nothing inline (no inline
 * script or style, no event-handler attributes), no plugins, forms post here only, never framed.
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
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
});
