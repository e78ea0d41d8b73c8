import request from 'supertest';
import { csrfTokenFor } from '../../../src/admin/auth/admin-users';
import {
  aStoredTransfer,
  asCaller,
  basicAuth,
  withAdminTestApp,
  HR_ADMIN,
  urlOf,
  itemsOf,
} from '../../helpers/admin';

const t = withAdminTestApp();

const EVIL = 'https://evil.example';
const aFailedTransfer = () => aStoredTransfer(t.transferStore);
const stateOf = async (id: string) => (await t.transferStore.get(id))?.state;

/** What a browser sends for an HTML form on another site, with the HR admin's remembered credentials. */
function crossSiteForm(path: string, fields: Record<string, string>) {
  return request(t.server)
    .post(path)
    .set('Authorization', basicAuth(HR_ADMIN))
    .set('Origin', EVIL)
    .set('Sec-Fetch-Site', 'cross-site')
    .type('form')
    .send(fields);
}

/** Refused admin requests answered 403 so far (`dit_admin_refused_total{status="403"}`). */
async function refusedCount(): Promise<number> {
  const metric = await t.metrics.registry.getSingleMetric('dit_admin_refused_total')?.get();
  return metric?.values.find((value) => value.labels.status === '403')?.value ?? 0;
}

describe('cross-site request forgery', () => {
  it('when another site posts a form to the retry endpoint without the token, then it answers 403 and nothing is re-queued', async () => {
    const id = await aFailedTransfer();
    const refusedBefore = await refusedCount();

    const answer = await crossSiteForm(`/admin/transfers/${id}/retry`, {});

    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ error: 'forbidden' });
    expect(await stateOf(id)).toBe('failed');
    expect(await refusedCount()).toBe(refusedBefore + 1);
    const audit = itemsOf(await asCaller(t, HR_ADMIN).get('/admin/audit'));
    expect(audit).not.toContainEqual(expect.objectContaining({ target: id }));
  });

  it.each([
    ['the HR page retry action', (id: string) => ['/admin/actions/retry', { transferId: id }] as const],
    ['the bulk retry endpoint', () => ['/admin/transfers/retry', { reason: 'NO_ESR_MATCH' }] as const],
    [
      'the manual start endpoint',
      () => ['/admin/transfers', { organisationCode: 'R0A', applicantId: 'A-1' }] as const,
    ],
  ])('when another site posts a form to %s, then it answers 403', async (_name, target) => {
    const id = await aFailedTransfer();
    const [path, fields] = target(id);

    const answer = await crossSiteForm(path, fields);

    expect(answer.status).toBe(403);
    expect(await stateOf(id)).toBe('failed');
  });

  it('when another site posts the form even with a stolen token, then the Origin alone refuses it', async () => {
    const id = await aFailedTransfer();

    const answer = await crossSiteForm('/admin/actions/retry', {
      transferId: id,
      _csrf: csrfTokenFor(HR_ADMIN),
    });

    expect(answer.status).toBe(403);
  });

  it.each([
    ['no token', {}],
    ['a wrong token', { _csrf: 'not-the-token' }],
  ])('when a form arrives without Origin headers and with %s, then it answers 403', async (_name, extra) => {
    const id = await aFailedTransfer();

    const answer = await asCaller(t, HR_ADMIN)
      .post('/admin/actions/retry')
      .type('form')
      .send({ transferId: id, ...extra });

    expect(answer.status).toBe(403);
    expect(await stateOf(id)).toBe('failed');
  });

  it('when a text/plain body arrives (a form with enctype text/plain), then it answers 403', async () => {
    const id = await aFailedTransfer();

    const answer = await asCaller(t, HR_ADMIN)
      .post(`/admin/transfers/${id}/retry`)
      .set('Content-Type', 'text/plain')
      .send('{"x":1}');

    expect(answer.status).toBe(403);
  });

  it.each([
    ['a foreign Origin', { Origin: EVIL }],
    ['Origin null', { Origin: 'null' }],
    ['Sec-Fetch-Site same-site', { 'Sec-Fetch-Site': 'same-site' }],
  ])('when a JSON write carries %s, then it answers 403', async (_name, headers) => {
    const id = await aFailedTransfer();

    const answer = await asCaller(t, HR_ADMIN).post(`/admin/transfers/${id}/retry`).set(headers).send({});

    expect(answer.status).toBe(403);
  });

  it('when the HR page posts its form from its own origin with the token, then it redirects 303 to the page', async () => {
    const id = await aFailedTransfer();

    const answer = await asCaller(t, HR_ADMIN)
      .post('/admin/actions/retry')
      .set('Origin', urlOf(t))
      .set('Sec-Fetch-Site', 'same-origin')
      .type('form')
      .send({ transferId: id, _csrf: csrfTokenFor(HR_ADMIN) });

    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe(`/admin?notice=queued&transfer=${id}`);
    // re-opened: no outcome any more, and its job waits
    expect(await stateOf(id)).toBeNull();
    expect(await t.queue.getJobState(id)).toBe('waiting');
  });

  it.each([
    ['no Origin (curl, scripts)', {}],
    ['its own Origin', { Origin: 'SELF' }],
  ])('when a write has no body at all and %s, then it is accepted', async (_name, headers) => {
    const id = await aFailedTransfer();
    const set = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, v === 'SELF' ? urlOf(t) : v]));

    const answer = await asCaller(t, HR_ADMIN).post(`/admin/transfers/${id}/retry`).set(set);

    expect(answer.status).toBe(202);
  });

  it('when a JSON write comes from a non-browser client, then no token is needed', async () => {
    const id = await aFailedTransfer();

    const answer = await asCaller(t, HR_ADMIN).post(`/admin/transfers/${id}/retry`).send({});

    expect(answer.status).toBe(202);
  });
});
