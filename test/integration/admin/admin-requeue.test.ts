import {
  aFailedJob,
  aStoredTransfer,
  asCaller,
  withAdminTestApp,
  HR_ADMIN,
  bodyOf,
  itemsOf,
} from '../../helpers/admin';
import { allRecords } from '../../../src/transfer/transfer';

const t = withAdminTestApp();
const hr = () => asCaller(t, HR_ADMIN);

async function auditTargets() {
  return itemsOf<{ action: string; target: string; result: string }>(await hr().get('/admin/audit'));
}

describe('POST /admin/transfers/{transferId}/retry', () => {
  it('when the transfer failed, then it answers 202, queues a fresh job, resets attempts and keeps the ledger', async () => {
    const records = { ...allRecords('NOT_SENT'), dbs: 'SENT' as const, references: 'NOT_RECORDED' as const };
    const id = await aStoredTransfer(t.transferStore, { reason: 'RETRIES_EXHAUSTED', attempts: 8, records });
    await t.transferStore.recordSent(id, 'dbs', { esrRecordId: 'E-1', sentAt: '2026-06-14T10:00:00.000Z' });

    const answer = await hr().post(`/admin/transfers/${id}/retry`);

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId: id });
    expect(await t.transferStore.get(id)).toMatchObject({
      state: null,
      reason: null,
      message: null,
      attempts: 0,
      finishedAt: null,
      records: { ...allRecords('NOT_SENT'), dbs: 'SENT' },
    });
    expect(await t.transferStore.ledger(id)).toEqual({
      dbs: { esrRecordId: 'E-1', sentAt: '2026-06-14T10:00:00.000Z' },
    });
    const job = await t.queue.getJob(id);
    expect(await job?.getState()).toBe('waiting');
    expect(job?.data).toMatchObject({ organisationCode: 'R0A', trigger: 'requeue' });
    expect(job?.attemptsMade).toBe(0);
    expect(await auditTargets()).toContainEqual(
      expect.objectContaining({ action: 'retry', target: id, result: '202' }),
    );
  });

  it('when the failed job is still in BullMQ, then it is replaced by a fresh one with attempts reset', async () => {
    const id = await aStoredTransfer(t.transferStore, { attempts: 2 });
    await aFailedJob(t, id);
    expect(await (await t.queue.getJob(id))?.getState()).toBe('failed');

    const answer = await hr().post(`/admin/transfers/${id}/retry`);

    expect(answer.status).toBe(202);
    const fresh = await t.queue.getJob(id);
    expect(await fresh?.getState()).toBe('waiting');
    expect(fresh?.attemptsMade).toBe(0);
    expect(fresh?.data.trigger).toBe('requeue');
  });

  it('when the transfer completed and sent what it should, then it answers 409 already_completed', async () => {
    const id = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });

    const answer = await hr().post(`/admin/transfers/${id}/retry`);

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: 'already_completed' });
    expect(await t.transferStore.get(id)).toMatchObject({ state: 'completed' });
    expect(await t.queue.getJob(id)).toBeUndefined();
  });

  it('when the transfer completed out of scope, then it may be re-queued', async () => {
    const id = await aStoredTransfer(t.transferStore, {
      state: 'completed',
      reason: 'NOT_DOCTOR_IN_TRAINING',
    });

    const answer = await hr().post(`/admin/transfers/${id}/retry`);

    expect(answer.status).toBe(202);
  });

  it.each(['active', 'delayed'] as const)(
    'when the transfer is %s, then it answers 409 already_queued',
    async (state) => {
      const id = await aStoredTransfer(t.transferStore, { state, reason: null });

      const answer = await hr().post(`/admin/transfers/${id}/retry`);

      expect(answer.status).toBe(409);
      expect(answer.body).toEqual({ error: 'already_queued' });
    },
  );

  it('when the transfer is waiting with its job queued, then it answers 409 already_queued', async () => {
    const id = await aStoredTransfer(t.transferStore);
    expect((await hr().post(`/admin/transfers/${id}/retry`)).status).toBe(202);

    const again = await hr().post(`/admin/transfers/${id}/retry`);

    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'already_queued' });
  });

  it('when there is no such transfer, then it answers 404 not_found', async () => {
    const answer = await hr().post('/admin/transfers/R0A-A-nobody/retry');

    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({ error: 'not_found' });
  });
});

describe('POST /admin/transfers/retry', () => {
  it('when a reason and an organisation are given, then exactly the failed transfers matching both are re-queued', async () => {
    const match1 = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RQ1',
      reason: 'NO_ESR_MATCH',
    });
    const match2 = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RQ1',
      reason: 'NO_ESR_MATCH',
    });
    const otherReason = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RQ1',
      reason: 'ESR_REJECTED',
    });
    const otherOrg = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RQ2',
      reason: 'NO_ESR_MATCH',
    });

    const answer = await hr()
      .post('/admin/transfers/retry')
      .send({ reason: 'NO_ESR_MATCH', organisation: 'RQ1' });

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ requeued: 2 });
    for (const id of [match1, match2]) expect((await t.transferStore.get(id))?.state).toBeNull();
    for (const id of [otherReason, otherOrg]) expect((await t.transferStore.get(id))?.state).toBe('failed');
    const entry = (await auditTargets()).find((e) => e.action === 'retry-bulk');
    expect(entry?.target).toContain('reason=NO_ESR_MATCH organisation=RQ1');
    expect(entry?.target).toContain(match1);
    expect(entry?.target).toContain(match2);
  });

  it('when only a reason is given, then failed transfers of every organisation with it are re-queued', async () => {
    const a = await aStoredTransfer(t.transferStore, { organisationCode: 'RB1', reason: 'TRAC_REJECTED' });
    const b = await aStoredTransfer(t.transferStore, { organisationCode: 'RB2', reason: 'TRAC_REJECTED' });

    const answer = await hr().post('/admin/transfers/retry').send({ reason: 'TRAC_REJECTED' });

    expect(answer.body).toEqual({ requeued: 2 });
    for (const id of [a, b]) expect((await t.transferStore.get(id))?.state).toBeNull();
  });

  it('when posted with no body at all, then every failed transfer is re-queued', async () => {
    const id = await aStoredTransfer(t.transferStore, {
      organisationCode: 'RB3',
      reason: 'ORGANISATION_NOT_ENABLED',
    });

    const answer = await hr().post('/admin/transfers/retry');

    expect(answer.status).toBe(202);
    expect(bodyOf<{ requeued: number }>(answer).requeued).toBeGreaterThanOrEqual(1);
    expect((await t.transferStore.get(id))?.state).toBeNull();
  });

  it.each([
    [{ reason: 'SOMETHING' }, 'reason'],
    [{ organisation: 'r0a' }, 'organisation'],
    [{ organisationCode: 'R0A' }, 'organisationCode'],
  ])('when the body is %j, then it answers 400 naming %s and re-queues nothing', async (body, field) => {
    const id = await aStoredTransfer(t.transferStore, { organisationCode: 'RB4' });

    const answer = await hr().post('/admin/transfers/retry').send(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_body', issues: [{ path: field }] });
    expect((await t.transferStore.get(id))?.state).toBe('failed');
  });
});
