import {
  aStoredTransfer,
  asCaller,
  eventually,
  HR_ADMIN,
  itemsOf,
  withWorkerAndAdminApp,
} from '../../helpers/admin';
import { setSandboxFaults, withSandboxes } from '../../helpers/sandbox';

const sandboxes = withSandboxes();
const { t, harness } = withWorkerAndAdminApp(sandboxes);

const start = (organisationCode: string, applicantId: string) =>
  asCaller(t, HR_ADMIN).post('/admin/transfers').send({ organisationCode, applicantId });

describe('POST /admin/transfers (manual start)', () => {
  it('when Trac holds the applicant with a trigger status, then it answers 202, queues a manual job and the transfer completes', async () => {
    const answer = await start('7A1', 'A-100235');

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId: '7A1-A-100235' });
    expect((await t.queue.getJob('7A1-A-100235'))?.data).toMatchObject({ trigger: 'manual' });
    expect(await harness.waitUntilFinished('7A1-A-100235')).toMatchObject({
      state: 'completed',
      reason: null,
    });
  });

  it('when the transfer already completed, then it answers 409 already_completed', async () => {
    await start('7A1', 'A-100235');
    await harness.waitUntilFinished('7A1-A-100235');

    const answer = await start('7A1', 'A-100235');

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: 'already_completed' });
  });

  it('when the transfer is in flight, then it answers 409 already_queued', async () => {
    await aStoredTransfer(t.transferStore, { applicantId: 'A-100304', state: 'active', reason: null });

    const answer = await start('R0A', 'A-100304');

    expect(answer.status).toBe(409);
    expect(answer.body).toEqual({ error: 'already_queued' });
  });

  it('when the transfer failed before, then it is re-queued and runs again', async () => {
    const id = await harness.enqueue('R0A', 'A-100301');
    expect(await harness.waitUntilFinished(id)).toMatchObject({
      state: 'failed',
      reason: 'AMBIGUOUS_ESR_MATCH',
    });

    const answer = await start('R0A', 'A-100301');

    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId: id });
    expect((await t.queue.getJob(id))?.data.trigger).toBe('requeue');
    expect(await harness.waitUntilFinished(id)).toMatchObject({ state: 'failed', attempts: 1 });
  });

  it.each([
    ['a status that is not a trigger status', 'A-100310', 'status_not_trigger'],
    ['no such applicant', 'A-999999', 'trac_applicant_not_found'],
  ])('when Trac holds %s, then it answers 422 and stores nothing', async (_case, applicantId, error) => {
    const answer = await start('R0A', applicantId);

    expect(answer.status).toBe(422);
    expect(answer.body).toEqual({ error });
    expect(await t.transferStore.get(`R0A-${applicantId}`)).toBeUndefined();
  });

  it('when Trac does not answer, then it answers 503 trac_unavailable', async () => {
    await setSandboxFaults(sandboxes.tracUrl, { errorRate: 1 });
    try {
      const answer = await start('R0A', 'A-100306');

      expect(answer.status).toBe(503);
      expect(answer.body).toEqual({ error: 'trac_unavailable' });
    } finally {
      await setSandboxFaults(sandboxes.tracUrl, {});
    }
  });

  it('when the organisation is not enabled, then it answers 400 organisation_not_enabled', async () => {
    const answer = await start('RX9', 'A-100234');

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'organisation_not_enabled' });
  });

  it.each([
    [{ organisationCode: 'R0A' }, 'applicantId'],
    [{ organisationCode: 'r0a', applicantId: 'A-1' }, 'organisationCode'],
    [{ organisationCode: 'R0A', applicantId: 'A 1' }, 'applicantId'],
    [{ organisationCode: 'R0A', applicantId: 'A-1', extra: true }, 'extra'],
  ])('when the body is %j, then it answers 400 naming %s', async (body, field) => {
    const answer = await asCaller(t, HR_ADMIN).post('/admin/transfers').send(body);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_body', issues: [{ path: field }] });
  });

  it('when every write is done, then the audit log holds one entry for each', async () => {
    const entries = itemsOf<{ action: string; target: string }>(
      await asCaller(t, HR_ADMIN).get('/admin/audit'),
    );

    expect(entries.filter((e) => e.action === 'start').length).toBeGreaterThanOrEqual(10);
    expect(entries).toContainEqual(
      expect.objectContaining({ action: 'start', target: 'R0A-A-100310', result: '422' }),
    );
  });
});

describe('GET /metrics after admin work and real transfers', () => {
  it('when transfers ran and were re-queued, then outcomes, records, Trac and ESR latency and re-queues by role are exposed', async () => {
    const scrape = () => asCaller(t, undefined).get('/metrics');
    // workers write Trac and ESR latencies and outcome counts at most once a second
    await eventually(async () => {
      const text = (await scrape()).text;
      return (
        /^dit_esr_request_duration_seconds_count/m.test(text) &&
        /^dit_transfers_total\{state="failed",reason="AMBIGUOUS_ESR_MATCH"\} 2$/m.test(text)
      );
    });
    const metrics = await scrape();

    expect(metrics.status).toBe(200);
    const text = metrics.text;
    expect(text).toMatch(/^dit_transfers_total\{state="completed",reason="none"\} [1-9]/m);
    expect(text).toMatch(/^dit_transfers_total\{state="failed",reason="AMBIGUOUS_ESR_MATCH"\} 2$/m);
    expect(text).toMatch(/^dit_records_total\{record_type="dbs",outcome="SENT"\} [1-9]/m);
    expect(text).toMatch(
      /^dit_esr_request_duration_seconds_bucket\{operation="search",status="200",le="\+Inf"\} [1-9]/m,
    );
    expect(text).toMatch(
      /^dit_esr_request_duration_seconds_count\{operation="post-dbs",status="201"\} [1-9]/m,
    );
    // the receiver's own Trac checks (manual start) count with the workers'
    expect(text).toMatch(
      /^dit_trac_request_duration_seconds_count\{operation="get-applicant",status="404"\} 1$/m,
    );
    expect(text).toMatch(
      /^dit_trac_request_duration_seconds_sum\{operation="get-applicant",status="200"\} \d/m,
    );
    expect(text).toMatch(/^dit_requeues_total\{role="hr-admin"\} 1$/m);
    expect(text).toMatch(/^dit_queue_jobs\{state="completed"\} \d+$/m);
    expect(text).not.toMatch(/A-100|R0A-/);
  });
});
