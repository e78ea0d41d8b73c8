import {
  aStoredTransfer,
  asCaller,
  withAdminTestApp,
  CALLERS,
  HR_ADMIN,
  type Credentials,
} from '../../helpers/admin';
import { csrfTokenFor } from '../../../src/admin/auth/admin-users';

const t = withAdminTestApp();

type Method = 'get' | 'post' | 'put';

interface Endpoint {
  name: string;
  method: Method;
  /** Builds the path (and body) against fresh data, so each caller starts from the same state. */
  prepare(): Promise<{ path: string; body?: object; form?: Record<string, string> }>;
  /** What an HR admin gets; a support user gets 200 on reads and 403 on writes. */
  hrStatus: number;
  write: boolean;
}

const aFailedTransfer = () => aStoredTransfer(t.transferStore, { state: 'failed' });

const ENDPOINTS: Endpoint[] = [
  {
    name: 'GET /admin/transfers',
    method: 'get',
    prepare: () => Promise.resolve({ path: '/admin/transfers' }),
    hrStatus: 200,
    write: false,
  },
  {
    name: 'GET /admin/transfers/{id}',
    method: 'get',
    prepare: async () => ({ path: `/admin/transfers/${await aFailedTransfer()}` }),
    hrStatus: 200,
    write: false,
  },
  {
    name: 'GET /admin/audit',
    method: 'get',
    prepare: () => Promise.resolve({ path: '/admin/audit' }),
    hrStatus: 200,
    write: false,
  },
  {
    name: 'GET /admin',
    method: 'get',
    prepare: () => Promise.resolve({ path: '/admin' }),
    hrStatus: 200,
    write: false,
  },
  {
    name: 'GET /admin/queues',
    method: 'get',
    prepare: () => Promise.resolve({ path: '/admin/queues' }),
    hrStatus: 200,
    write: false,
  },
  {
    name: 'POST /admin/transfers/{id}/retry',
    method: 'post',
    prepare: async () => ({ path: `/admin/transfers/${await aFailedTransfer()}/retry` }),
    hrStatus: 202,
    write: true,
  },
  {
    name: 'POST /admin/transfers/retry',
    method: 'post',
    prepare: () => Promise.resolve({ path: '/admin/transfers/retry', body: { reason: 'NO_ESR_MATCH' } }),
    hrStatus: 202,
    write: true,
  },
  {
    name: 'POST /admin/transfers (manual start of a transfer already completed)',
    method: 'post',
    prepare: async () => {
      const id = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });
      return { path: '/admin/transfers', body: { organisationCode: 'R0A', applicantId: id.slice(4) } };
    },
    hrStatus: 409,
    write: true,
  },
  {
    name: 'POST /admin/actions/retry (the HR page form)',
    method: 'post',
    prepare: async () => ({
      path: '/admin/actions/retry',
      form: { transferId: await aFailedTransfer(), _csrf: csrfTokenFor(HR_ADMIN) },
    }),
    hrStatus: 303,
    write: true,
  },
  {
    name: 'PUT /admin/queues/api/queues/transfers/retry/failed (Bull Board)',
    method: 'put',
    prepare: () => Promise.resolve({ path: '/admin/queues/api/queues/transfers/retry/failed' }),
    hrStatus: 200,
    write: true,
  },
];

async function call(endpoint: Endpoint, credentials: Credentials | undefined) {
  const { path, body, form } = await endpoint.prepare();
  const test = asCaller(t, credentials)[endpoint.method](path);
  if (form) return test.type('form').send(form);
  return body ? test.send(body) : test;
}

describe.each(ENDPOINTS)('$name', (endpoint) => {
  it(`when an HR admin calls it, then it answers ${endpoint.hrStatus}`, async () => {
    const answer = await call(endpoint, CALLERS['an HR admin']);
    expect(answer.status).toBe(endpoint.hrStatus);
  });

  it(`when a support user calls it, then it answers ${endpoint.write ? '403 forbidden' : '200'}`, async () => {
    const answer = await call(endpoint, CALLERS['a support user']);
    expect(answer.status).toBe(endpoint.write ? 403 : 200);
    if (endpoint.write) expect(answer.body).toEqual({ error: 'forbidden' });
  });

  it.each(['a wrong password', 'no credentials'] as const)(
    'when it gets %s, then it answers 401 with a Basic challenge',
    async (caller) => {
      const answer = await call(endpoint, CALLERS[caller]);
      expect(answer.status).toBe(401);
      expect(answer.headers['www-authenticate']).toBe('Basic realm="dit-checks-connector"');
      expect(answer.body).toEqual({ error: 'unauthorized' });
    },
  );
});

// Failed logins (the lock-out per user and client address) are tested in login-lockout.test.ts.
