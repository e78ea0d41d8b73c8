import request from 'supertest';
import { asCaller, withAdminTestApp, HR_ADMIN, SUPPORT } from '../../helpers/admin';

const t = withAdminTestApp();

/** A Content-Security-Policy header as directive → sources. */
function directivesOf(policy: string | undefined): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of (policy ?? '').split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Scripts may come from this origin (or by hash or nonce) only: nothing inline, nothing foreign. */
function expectNoInlineOrForeignScript(policy: string | undefined): void {
  const directives = directivesOf(policy);
  const defaults = directives.get('default-src');
  expect(defaults).toBeDefined();
  expect(defaults!.every((source) => source === "'self'" || source === "'none'")).toBe(true);
  for (const name of ['script-src', 'script-src-elem', 'script-src-attr']) {
    const sources = directives.get(name) ?? defaults!;
    const allowed = sources.filter(
      (source) => !["'self'", "'none'"].includes(source) && !/^'(sha256|sha384|sha512|nonce)-/.test(source),
    );
    expect({ [name]: allowed }).toEqual({ [name]: [] });
  }
}

/** Every route family the receiver answers, with what each must carry. */
const ROUTES: { name: string; send: () => Promise<request.Response>; page?: boolean }[] = [
  {
    name: 'POST /webhooks/trac (unsigned)',
    send: () => request(t.server).post('/webhooks/trac').set('content-type', 'application/json').send('{}'),
  },
  { name: 'GET /health/live', send: () => request(t.server).get('/health/live') },
  { name: 'GET /health/ready', send: () => request(t.server).get('/health/ready') },
  { name: 'GET /metrics', send: () => request(t.server).get('/metrics') },
  { name: 'GET /openapi.json', send: () => request(t.server).get('/openapi.json') },
  { name: 'GET /no-such-path (404)', send: () => request(t.server).get('/no-such-path') },
  { name: 'GET /admin (the HR page)', send: () => asCaller(t, HR_ADMIN).get('/admin'), page: true },
  { name: 'GET /admin without credentials (401)', send: () => asCaller(t, undefined).get('/admin') },
  {
    name: 'GET /admin/transfers?state=failed from a browser (a list page)',
    send: () => asCaller(t, SUPPORT).get('/admin/transfers?state=failed').set('Accept', 'text/html'),
    page: true,
  },
  {
    name: 'GET /admin/search?q=A-1 (the search page)',
    send: () => asCaller(t, SUPPORT).get('/admin/search?q=A-1'),
    page: true,
  },
  { name: 'GET /admin/transfers', send: () => asCaller(t, SUPPORT).get('/admin/transfers') },
  { name: 'GET /admin/audit', send: () => asCaller(t, SUPPORT).get('/admin/audit') },
  {
    name: 'POST /admin/transfers/retry by support (403)',
    send: () => asCaller(t, SUPPORT).post('/admin/transfers/retry'),
  },
  { name: 'GET /admin/no-such-path (404)', send: () => asCaller(t, SUPPORT).get('/admin/no-such-path') },
  {
    name: 'GET /admin/queues (the dashboard)',
    send: () => asCaller(t, HR_ADMIN).get('/admin/queues'),
    page: true,
  },
  {
    name: 'GET /admin/queues/queue/transfers (a dashboard page)',
    send: () => asCaller(t, SUPPORT).get('/admin/queues/queue/transfers'),
    page: true,
  },
  { name: 'GET /admin/queues/api/queues', send: () => asCaller(t, SUPPORT).get('/admin/queues/api/queues') },
  {
    name: "GET a dashboard script (Bull Board's static files)",
    send: async () => {
      const page = await asCaller(t, SUPPORT).get('/admin/queues');
      const script = /<script defer src="([^"]+)"/.exec(page.text)?.[1];
      expect(script).toBeDefined();
      return asCaller(t, SUPPORT).get(`/admin/queues/${script}`);
    },
  },
  {
    name: 'PUT /admin/queues/api/queues/transfers/pause by support (403)',
    send: () => asCaller(t, SUPPORT).put('/admin/queues/api/queues/transfers/pause'),
  },
  {
    name: 'GET /admin/queues/api/no-such-path',
    send: () => asCaller(t, SUPPORT).get('/admin/queues/api/no-such-path'),
  },
];

describe.each(ROUTES)('$name', ({ send, page }) => {
  let answer: request.Response;
  beforeAll(async () => {
    answer = await send();
  });

  it('when it is answered, then the answer names no framework and may not be stored by any cache', () => {
    expect(answer.headers['x-powered-by']).toBeUndefined();
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('when it is answered, then it names this site to no other (the HR page’s own form posts keep their Origin)', () => {
    expect(answer.headers['referrer-policy']).toBe('same-origin');
  });

  it('when it is answered, then it may not be framed or sniffed', () => {
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(answer.headers['x-frame-options']).toBe('DENY');
    expect(directivesOf(answer.headers['content-security-policy']).get('frame-ancestors')).toEqual([
      "'none'",
    ]);
  });

  if (page) {
    it('when the page is served, then its Content-Security-Policy allows no inline or foreign script', () => {
      expect(answer.status).toBe(200);
      expect(answer.headers['content-type']).toMatch(/^text\/html/);
      expectNoInlineOrForeignScript(answer.headers['content-security-policy']);
    });
  }
});
