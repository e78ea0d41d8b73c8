import { asCaller, aStoredTransfer, HR_ADMIN, itemsOf, SUPPORT, withAdminTestApp } from '../../helpers/admin';

const t = withAdminTestApp();

/** What the worker once wrote for a job no start path made: a state and records, no organisation or applicant. */
async function anUnreadableTransferRecord(transferId: string): Promise<void> {
  await t.redis.hset(`${t.prefix}:transfer:${transferId}`, {
    state: 'completed',
    records: '{"dbs":"SENT"}',
    attempts: '1',
    updatedAt: new Date().toISOString(),
  });
  await t.redis.zadd(`${t.prefix}:transfer-index:completed`, Date.now(), transferId);
  await t.redis.zadd(`${t.prefix}:transfer-index:failed`, Date.now(), transferId);
}

describe('a transfer record the store cannot read', () => {
  let readable: string;

  beforeAll(async () => {
    readable = await aStoredTransfer(t.transferStore, { state: 'failed', reason: 'NO_ESR_MATCH' });
    await anUnreadableTransferRecord('17');
  });

  it('when the HR page lists transfers, then it still answers 200 and shows the readable ones', async () => {
    const answer = await asCaller(t, SUPPORT).get('/admin');

    expect(answer.status).toBe(200);
    expect(answer.text).toContain(readable);
  });

  it('when the API lists transfers, then it answers 200 without the unreadable one', async () => {
    const all = await asCaller(t, HR_ADMIN).get('/admin/transfers');
    const failed = await asCaller(t, HR_ADMIN).get('/admin/transfers?state=failed');

    expect(all.status).toBe(200);
    expect(failed.status).toBe(200);
    expect(itemsOf<{ transferId: string }>(failed).map((item) => item.transferId)).toContain(readable);
    expect(JSON.stringify([all.body, failed.body])).not.toContain('"transferId":"17"');
  });

  it('when the unreadable transfer itself is asked for, then it answers 404, logs its id and counts it', async () => {
    const before = (await t.metrics.unreadableTransfers.get()).values[0]?.value ?? 0;

    const answer = await asCaller(t, HR_ADMIN).get('/admin/transfers/17');

    expect(answer.status).toBe(404);
    expect(t.logs).toContainEqual(
      expect.objectContaining({
        message: 'stored transfer skipped: its record cannot be read',
        transferId: '17',
        problem: expect.stringContaining('organisationCode') as unknown,
      }),
    );
    expect((await t.metrics.unreadableTransfers.get()).values[0]?.value).toBe(before + 1);
  });
});
