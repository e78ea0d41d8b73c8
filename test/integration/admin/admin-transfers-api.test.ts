import {
  aStoredTransfer,
  asCaller,
  buildAdminTestApp,
  withAdminTestApp,
  HR_ADMIN,
  SUPPORT,
  itemsOf,
} from '../../helpers/admin';
import { queueTransfer } from '../../../src/store/transfer-queue';
import { parseTransferId } from '../../../src/transfer/transfer-ids';

const t = withAdminTestApp();
const hr = () => asCaller(t, HR_ADMIN);

const idsOf = (...answers: { body: unknown }[]) =>
  answers.flatMap((answer) => itemsOf<{ transferId: string }>(answer).map((item) => item.transferId));

const SUMMARY_KEYS = [
  'transferId',
  'organisationCode',
  'applicantId',
  'state',
  'reason',
  'message',
  'records',
  'attempts',
  'trigger',
  'createdAt',
  'finishedAt',
  'match',
  'outstanding',
].sort();

describe('GET /admin/transfers', () => {
  it('when transfers are listed by state, then each item is the contract summary, newest first', async () => {
    const older = await aStoredTransfer(t.transferStore, {
      organisationCode: '7A1',
      reason: 'AMBIGUOUS_ESR_MATCH',
    });
    const newer = await aStoredTransfer(t.transferStore, {
      organisationCode: '7A1',
      reason: 'AMBIGUOUS_ESR_MATCH',
    });

    const answer = await hr().get('/admin/transfers?state=failed&organisation=7A1');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ page: 1, total: 2 });
    const items = itemsOf(answer);
    expect(items.map((item) => item.transferId)).toEqual([newer, older]);
    expect(Object.keys(items[0]!).sort()).toEqual(SUMMARY_KEYS);
    expect(items[0]).toMatchObject({
      organisationCode: '7A1',
      state: 'failed',
      reason: 'AMBIGUOUS_ESR_MATCH',
      message: expect.stringContaining('More than one') as unknown,
      records: { dbs: 'NOT_SENT', 'eu-status': 'NOT_SENT' },
      attempts: 1,
    });
  });

  it('when there are more than 50, then they come 50 a page with the total', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 55; i += 1)
      ids.push(await aStoredTransfer(t.transferStore, { organisationCode: 'RX7' }));

    const first = await hr().get('/admin/transfers?organisation=RX7');
    const second = await hr().get('/admin/transfers?organisation=RX7&page=2');

    expect(first.body).toMatchObject({ page: 1, total: 55 });
    expect(itemsOf(first)).toHaveLength(50);
    expect(second.body).toMatchObject({ page: 2, total: 55 });
    expect(itemsOf(second)).toHaveLength(5);
    const listed = idsOf(first, second);
    expect(listed).toEqual([...ids].reverse());
  });

  it('when filtered by reason, then only transfers with that reason are listed, in every state', async () => {
    const failed = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RR1',
      reason: 'ESR_REJECTED',
    });
    const outOfScope = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RR1',
      state: 'completed',
      reason: 'STATUS_CHANGED',
    });
    await aStoredTransfer(t.transferStore, { organisationCode: 'RR1', reason: 'NO_ESR_MATCH' });

    const rejected = await hr().get('/admin/transfers?reason=ESR_REJECTED&organisation=RR1');
    const changed = await hr().get('/admin/transfers?reason=STATUS_CHANGED&organisation=RR1');

    expect(idsOf(rejected)).toEqual([failed]);
    expect(idsOf(changed)).toEqual([outOfScope]);
    expect(itemsOf(changed)[0]).toMatchObject({ state: 'completed', reason: 'STATUS_CHANGED' });
  });

  it('when no state is given, then every state is listed: unfinished transfers (BullMQ holds their jobs) first, then finished ones', async () => {
    const done = await aStoredTransfer(t.transferStore, { organisationCode: 'RS1', state: 'completed' });
    const waiting = await aStoredTransfer(t.transferStore, { organisationCode: 'RS1', state: 'waiting' });
    await queueTransfer(t.queue, {
      ...parseTransferId(waiting)!,
      trigger: 'manual',
      receivedAt: new Date().toISOString(),
    });

    const answer = await hr().get('/admin/transfers?organisation=RS1');
    const waitingOnly = await hr().get('/admin/transfers?state=waiting&organisation=RS1');
    const unfiltered = await hr().get('/admin/transfers?state=waiting');

    expect(idsOf(answer)).toEqual([waiting, done]);
    expect(itemsOf(answer)[0]).toMatchObject({ state: 'waiting' });
    expect(idsOf(waitingOnly)).toEqual([waiting]);
    expect(idsOf(unfiltered)).toContain(waiting);
  });

  it.each([
    ['state=finished', 'state'],
    ['reason=NOPE', 'reason'],
    ['organisation=r0a', 'organisation'],
    ['page=0', 'page'],
    ['page=abc', 'page'],
  ])('when the query has %s, then it answers 400 naming %s', async (query, field) => {
    const answer = await hr().get(`/admin/transfers?${query}`);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_query', issues: [{ path: field }] });
  });
});

describe('GET /admin/transfers/{transferId}', () => {
  it('when the transfer exists, then it answers it in full with its ledger, and no personal data', async () => {
    const id = await aStoredTransfer(t.transferStore, { attempts: 3 });
    await t.transferStore.recordSent(id, 'dbs', {
      esrRecordId: 'ESR-REC-1',
      sentAt: '2026-06-14T10:22:06.000Z',
    });

    const answer = await asCaller(t, SUPPORT).get(`/admin/transfers/${id}`);

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      transferId: id,
      state: 'failed',
      reason: 'NO_ESR_MATCH',
      attempts: 3,
      updatedAt: expect.any(String) as unknown,
      ledger: { dbs: { esrRecordId: 'ESR-REC-1', sentAt: '2026-06-14T10:22:06.000Z' } },
    });
  });

  it('when there is no such transfer, then it answers 404 not_found', async () => {
    const answer = await hr().get('/admin/transfers/R0A-A-nobody');

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: 'not_found' });
  });
});

describe('GET /admin/audit', () => {
  it('when writes were made and one was refused, then the audit lists who did what to which transfer and the result, newest first, and counts the refusal apart', async () => {
    const audited = await buildAdminTestApp();
    try {
      const id = await aStoredTransfer(audited.transferStore);
      await asCaller(audited, HR_ADMIN).post(`/admin/transfers/${id}/retry`);
      await asCaller(audited, HR_ADMIN).post(`/admin/transfers/${id}/retry`);
      await asCaller(audited, SUPPORT).post(`/admin/transfers/${id}/retry`);

      const answer = await asCaller(audited, SUPPORT).get('/admin/audit');

      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({
        items: [
          {
            at: expect.any(String) as unknown,
            user: 'hr1',
            role: 'hr-admin',
            action: 'retry',
            target: id,
            result: '409',
          },
          {
            at: expect.any(String) as unknown,
            user: 'hr1',
            role: 'hr-admin',
            action: 'retry',
            target: id,
            result: '202',
          },
        ],
        page: 1,
        total: 2,
      });
      const refused = await audited.metrics.registry.getSingleMetric('dit_admin_refused_total')?.get();
      expect(refused?.values).toEqual([{ labels: { status: '403' }, value: 1 }]);
      expect(audited.logs).toContainEqual(
        expect.objectContaining({
          message: 'admin action',
          user: 'hr1',
          action: 'retry',
          target: id,
          result: '202',
        }),
      );
    } finally {
      await audited.close();
    }
  });

  it('when the page is not a whole number from 1, then it answers 400 naming page', async () => {
    const answer = await hr().get('/admin/audit?page=-1');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_query', issues: [{ path: 'page' }] });
  });

  it('when a page beyond the latest 100,000 entries is asked for, then it answers 400 instead of reading the whole log', async () => {
    const last = await hr().get('/admin/audit?page=2000');
    const beyond = await hr().get('/admin/audit?page=2001');

    expect(last.status).toBe(200);
    expect(beyond.status).toBe(400);
    expect(beyond.body).toMatchObject({
      error: 'invalid_query',
      issues: [{ path: 'page', message: 'must be at most 2000' }],
    });
  });
});
