import request from 'supertest';
import { assetPaths } from '../../../src/admin/pages/page-assets';
import { asCaller, withAdminTestApp, HR_ADMIN } from '../../helpers/admin';

const t = withAdminTestApp();

describe('the HR pages’ own files (GET /assets/…)', () => {
  it('when the page is loaded, then its stylesheet and script are this site’s files, served without a login', async () => {
    const page = await asCaller(t, HR_ADMIN).get('/admin');
    const stylesheet = /<link rel="stylesheet" href="([^"]+)"/.exec(page.text)?.[1] ?? '';
    const script = /<script type="module" src="([^"]+)"/.exec(page.text)?.[1] ?? '';

    const css = await request(t.server).get(stylesheet);
    const init = await request(t.server).get(script);

    expect(stylesheet).toBe(assetPaths().stylesheet);
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/);
    expect(css.text).toContain('.nhsuk-header');
    expect(init.status).toBe(200);
    expect(init.headers['content-type']).toMatch(/^text\/javascript/);
    expect(init.text).toContain("document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');");
    const imported = /from '([^']+)'/.exec(init.text)?.[1] ?? '';
    const module = await request(t.server).get(imported);
    expect(module.status).toBe(200);
    expect(module.text).toContain('function initAll');
  });

  it('when the stylesheet is served, then it names no other site (its web fonts are left out) and its icons are served', async () => {
    const css = await request(t.server).get(assetPaths().stylesheet);
    const icons = [...css.text.matchAll(/url\(([^)]+)\)/g)].map((match) => match[1] ?? '');

    expect(css.text).not.toMatch(/https?:\/\//);
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of new Set(icons)) {
      const answer = await request(t.server).get(icon);
      expect({ icon, status: answer.status }).toEqual({ icon, status: 200 });
      expect(answer.headers['content-type']).toMatch(/^image\/svg\+xml/);
    }
  });

  it('when a hashed file is fetched, then browsers may keep it for a year and a repeat with its ETag gets 304', async () => {
    const first = await request(t.server).get(assetPaths().stylesheet);
    const again = await request(t.server)
      .get(assetPaths().stylesheet)
      .set('If-None-Match', first.headers.etag ?? '');

    expect(first.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(first.headers.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(first.headers['x-content-type-options']).toBe('nosniff');
    expect(first.headers['x-powered-by']).toBeUndefined();
    expect(again.status).toBe(304);
  });

  it.each([
    '/assets/no-such-file.css',
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/images/',
  ])('when %s is asked for, then 404 and nothing from the file system', async (path) => {
    const answer = await request(t.server).get(path);

    expect(answer.status).toBe(404);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(answer.text).not.toContain('dit-checks-connector');
  });
});
