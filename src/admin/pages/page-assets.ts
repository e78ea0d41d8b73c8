import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Router, type RequestHandler } from 'express';

/** Where the HR pages' files are served from: no CDN, no other site (CSP `default-src 'self'`). */
export const ASSETS_PATH = '/assets';

/**
 * The NHS.UK frontend's compiled CSS and JS (npm `nhsuk-frontend`), served by the connector itself.
 * Their names carry a hash of their content, so a browser may keep them for a year; the CSS's own
 * icons keep the package's names (`/assets/images/…`, which its CSS names) and are kept a day.
 * Nothing here is personal or live, and the package is public: the files need no login.
 */
const HASHED_CACHE = 'public, max-age=31536000, immutable';
const IMAGE_CACHE = 'public, max-age=86400';
const IMAGE_TYPES = new Map([
  ['.svg', 'image/svg+xml'],
  ['.png', 'image/png'],
  ['.ico', 'image/x-icon'],
]);

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
  cacheControl: string;
}

/** The addresses the page layout links to. */
export interface AssetPaths {
  stylesheet: string;
  /** The init module: imports the NHS.UK frontend module and starts its components. */
  script: string;
  favicon: string;
}

const hashOf = (body: Buffer | string) => createHash('sha256').update(body).digest('hex');

function asset(body: Buffer | string, type: string, cacheControl: string): Asset {
  const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  return { body: buffer, type, etag: `"${hashOf(buffer).slice(0, 32)}"`, cacheControl };
}

/**
 * The stylesheet as served: its `@font-face` rules name Frutiger on assets.nhs.uk, which the pages'
 * policy refuses (no foreign fonts), so they are left out and the NHS.UK fallback (Arial) applies;
 * the source-map comment names a file not served.
 */
function servedStylesheet(css: string): string {
  const served = css
    .replace(/@font-face\{[^}]*https:\/\/[^}]*\}/g, '')
    .replace(/\/\*# sourceMappingURL=[^*]*\*\//, '');
  return `${served}\n${SITE_RULES}`;
}

/**
 * This site's few rules after the NHS.UK frontend's. Every table sits in the design system's scroll
 * component (it scrolls inside the page on a small screen, so the page reflows at 320 px); a table
 * overhangs its column by 2 px on each side, which the component reads as "scrollable" and shades
 * even when the table fits, so a table inside it keeps to its column, as it does in a card.
 */
const SITE_RULES = '.nhsuk-scroll__content>.nhsuk-table{width:100%;margin-right:0;margin-left:0}\n';

const withoutSourceMap = (js: string) => js.replace(/\/\/# sourceMappingURL=\S+\s*$/, '');

/**
 * The NHS.UK frontend expects `js-enabled` and `nhsuk-frontend-supported` on `<body>` (its page
 * template sets them in an inline script, which the pages' policy refuses), then `initAll()`.
 */
const initScript = (moduleUrl: string) =>
  `import { initAll } from '${moduleUrl}';\n` +
  `document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');\n` +
  `initAll();\n`;

interface LoadedAssets {
  paths: AssetPaths;
  files: Map<string, Asset>;
}

let loaded: LoadedAssets | undefined;

/** Reads the package's files once per process (the first app built), then serves them from memory. */
function loadAssets(): LoadedAssets {
  if (loaded) return loaded;
  const dist = path.join(path.dirname(require.resolve('nhsuk-frontend/package.json')), 'dist', 'nhsuk');
  const css = servedStylesheet(readFileSync(path.join(dist, 'nhsuk-frontend.min.css'), 'utf8'));
  const js = withoutSourceMap(readFileSync(path.join(dist, 'nhsuk-frontend.min.js'), 'utf8'));
  const cssName = `nhsuk-frontend.${hashOf(css).slice(0, 12)}.min.css`;
  const jsName = `nhsuk-frontend.${hashOf(js).slice(0, 12)}.min.mjs`;
  const init = initScript(`${ASSETS_PATH}/${jsName}`);
  const initName = `hr-pages.${hashOf(init).slice(0, 12)}.mjs`;
  const files = new Map<string, Asset>([
    [cssName, asset(css, 'text/css; charset=utf-8', HASHED_CACHE)],
    [jsName, asset(js, 'text/javascript; charset=utf-8', HASHED_CACHE)],
    [initName, asset(init, 'text/javascript; charset=utf-8', HASHED_CACHE)],
  ]);
  for (const name of readdirSync(path.join(dist, 'assets', 'images'))) {
    const type = IMAGE_TYPES.get(path.extname(name));
    if (!type) continue;
    files.set(
      `images/${name}`,
      asset(readFileSync(path.join(dist, 'assets', 'images', name)), type, IMAGE_CACHE),
    );
  }
  const paths = {
    stylesheet: `${ASSETS_PATH}/${cssName}`,
    script: `${ASSETS_PATH}/${initName}`,
    favicon: `${ASSETS_PATH}/images/favicon.svg`,
  };
  loaded = { paths, files };
  return loaded;
}

/** The addresses of the stylesheet, the init script and the icon. */
export function assetPaths(): AssetPaths {
  return loadAssets().paths;
}

/**
 * `GET /assets/…`: the allow-listed files only (looked up in a Map, so no path ever reaches the
 * file system), with a strong ETag (`304` when the browser has it). The app's security headers
 * apply; only `Cache-Control` is this router's.
 */
export function createAssetsRouter(): Router {
  const { files } = loadAssets();
  const router = Router();
  const serve: RequestHandler = (req, res, next) => {
    const file = files.get(req.path.slice(1));
    if (!file) return next();
    res.set({ 'Content-Type': file.type, 'Cache-Control': file.cacheControl, ETag: file.etag });
    if (req.fresh) return void res.status(304).end();
    res.send(file.body);
  };
  router.get(/.*/, serve);
  return router;
}
