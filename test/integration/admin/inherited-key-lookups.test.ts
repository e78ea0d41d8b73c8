import { noticeFrom } from '../../../src/admin/pages/page-notices';
import { asCaller, withAdminTestApp, HR_ADMIN } from '../../helpers/admin';

const t = withAdminTestApp();

/** Names every plain object inherits from Object.prototype. */
const INHERITED_KEYS = ['__proto__', 'constructor', 'valueOf', 'toString', 'hasOwnProperty'];

const pageWith = (query: string) => asCaller(t, HR_ADMIN).get(`/admin?${query}`);

/** The page's notice paragraph, if it shows one. */
const noticeOf = (page: string) => /<p class="notice[^>]*>[\s\S]*?<\/p>/.exec(page)?.[0];

describe('HR page links whose values are inherited object keys', () => {
  it.each(INHERITED_KEYS)(
    'when the notice is %s, then the page answers 200 without a notice, as for an unknown notice',
    async (key) => {
      const unknown = await pageWith('notice=no-such-notice');

      const answer = await pageWith(`notice=${encodeURIComponent(key)}`);

      expect(answer.status).toBe(200);
      expect(noticeOf(answer.text)).toBeUndefined();
      expect(noticeOf(unknown.text)).toBeUndefined();
      expect(t.logs.filter((line) => line.level === 'error')).toEqual([]);
    },
  );

  it.each(INHERITED_KEYS)(
    'when a form notice names the field %s, then the notice names no field, as for an unknown field',
    (key) => {
      // a page shows a notice only on the redirect its action noted; the lookup is the notice's own
      const unknown = noticeFrom({ notice: 'invalid_body', fields: 'no-such-field' });

      const notice = noticeFrom({ notice: 'invalid_body', fields: key });

      expect(notice).toEqual(unknown);
      expect(notice?.text).toBe('Please check the form.');
    },
  );
});

describe('the new HR pages and API with inherited object keys in paths and queries', () => {
  const html = (path: string) => asCaller(t, HR_ADMIN).get(path).set('accept', 'text/html');
  const json = (path: string) => asCaller(t, HR_ADMIN).get(path);
  const cases: [string, (value: string) => string, typeof html][] = [
    ['a transfer list filtered by state (HTML)', (v) => `/admin/transfers?state=${v}`, html],
    ['a transfer list filtered by reason (JSON)', (v) => `/admin/transfers?reason=${v}`, json],
    ['a search', (v) => `/admin/search?q=${v}`, html],
    ['a transfer page', (v) => `/admin/transfers/R0A-${v}`, html],
    ['a match preview', (v) => `/admin/match-previews/${v}`, json],
    ['a match preview as CSV', (v) => `/admin/match-previews/${v}.csv`, json],
  ];

  it.each(cases.flatMap(([what, path, get]) => INHERITED_KEYS.map((key) => [what, key, path, get] as const)))(
    'when %s names %s, then it answers as for an unknown value',
    async (_what, key, path, get) => {
      const unknown = await get(path('no-such-value'));

      const answer = await get(path(encodeURIComponent(key)));

      expect(answer.status).toBe(unknown.status);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text).not.toContain('native code');
      expect(t.logs.filter((line) => line.level === 'error')).toEqual([]);
    },
  );
});
