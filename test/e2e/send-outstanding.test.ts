import { REFERENCES_LATER_SECONDS, startSeed, type TracSandboxApplicant } from '../../sandbox';
import type { TestApp } from '../helpers/app';
import {
  asCaller,
  bodyOf,
  eventually,
  HR_ADMIN,
  itemsOf,
  SUPPORT,
  withWorkerAndAdminApp,
} from '../helpers/admin';
import type { TestWorker } from '../helpers/worker';
import { aTestClock, esrRecordsFor, withSandboxes } from '../helpers/sandbox';
import type { TransferRecord } from '../../src/transfer/transfer';

const hr = (t: TestApp) => asCaller(t, HR_ADMIN);

interface Detail {
  state: string;
  reason: string | null;
  message: string | null;
  records: Record<string, string>;
  outstanding: string[];
  esrApplicantId: string | null;
}

/** Resolves once the send-outstanding run asked for has ended (the request note is cleared). */
async function sendOutstandingEnded(harness: TestWorker, transferId: string): Promise<TransferRecord> {
  let transfer: TransferRecord | undefined;
  await eventually(async () => {
    const job = await harness.queue.getJob(transferId);
    transfer = await harness.store.get(transferId);
    const settled = !job || (await job.isCompleted()) || (await job.isFailed());
    return settled && transfer?.outstandingRequestedAt === null;
  });
  return transfer!;
}

/** The same applicant with its references now complete in Trac (another demo applicant's check). */
function withCompleteReferences(
  sandbox: { getApplicant(id: string): TracSandboxApplicant | undefined },
  id: string,
) {
  const applicant = sandbox.getApplicant(id)!;
  const references = sandbox.getApplicant('A-100234')!.checks.references;
  return { ...applicant, checks: { ...applicant.checks, references } };
}

describe("sending a completed transfer's outstanding records", () => {
  const sandboxes = withSandboxes();
  const { t, harness } = withWorkerAndAdminApp(sandboxes);

  it('when references were In Progress, then the transfer lists them as outstanding, and they are sent once after Trac completes them, never twice', async () => {
    // Hannah Clarke: every check complete but the references (ESR applicant 4417807)
    const id = await harness.enqueue('R0A', 'A-100306');
    await harness.waitUntilFinished(id);
    const first = bodyOf<Detail>(await hr(t).get(`/admin/transfers/${id}`));
    expect(first).toMatchObject({ state: 'completed', reason: null, outstanding: ['references'] });
    expect(first.esrApplicantId).toBe('4417807');
    const listed = itemsOf<{ transferId: string }>(await hr(t).get('/admin/transfers?outstanding=true'));
    expect(listed.map((item) => item.transferId)).toEqual([id]);

    // pressed before Trac completes them: nothing is sent, they stay outstanding
    expect((await hr(t).post(`/admin/transfers/${id}/send-outstanding`)).status).toBe(202);
    const early = await sendOutstandingEnded(harness, id);
    expect(early).toMatchObject({ state: 'completed', reason: null, outstanding: ['references'] });
    expect(early.message).toContain(
      'Trac does not hold the outstanding records (references) as complete yet',
    );
    const referencesPosts = () =>
      sandboxes.esr.requests().filter((post) => post.path.endsWith('/4417807/employment-checks/references'));
    expect(referencesPosts()).toEqual([]);

    // Trac completes them: the next press sends them, once
    sandboxes.trac.upsertApplicant(withCompleteReferences(sandboxes.trac, 'A-100306'));
    const answer = await hr(t).post(`/admin/transfers/${id}/send-outstanding`);
    expect(answer.status).toBe(202);
    expect(answer.body).toEqual({ status: 'queued', transferId: id });
    const sent = await sendOutstandingEnded(harness, id);
    expect(sent).toMatchObject({ state: 'completed', reason: null, message: null, outstanding: [] });
    expect(sent.records).toMatchObject({ references: 'SENT', dbs: 'SENT' });
    expect(referencesPosts().map((post) => post.idempotencyKey)).toEqual([`dit-${id}-references`]);
    expect(Object.keys(await harness.store.ledger(id))).toContain('references');

    // pressed again: nothing is outstanding, nothing goes to ESR
    const again = await hr(t).post(`/admin/transfers/${id}/send-outstanding`);
    expect(again.status).toBe(409);
    expect(again.body).toEqual({ error: 'nothing_outstanding' });
    expect(referencesPosts()).toHaveLength(1);
    expect(itemsOf(await hr(t).get('/admin/transfers?outstanding=true'))).toEqual([]);

    const audit = itemsOf<{ action: string; target: string; result: string }>(
      await hr(t).get('/admin/audit'),
    );
    expect(audit.filter((entry) => entry.action === 'send-outstanding')).toEqual([
      expect.objectContaining({ target: id, result: '409', user: 'hr1' }),
      expect.objectContaining({ target: id, result: '202' }),
      expect.objectContaining({ target: id, result: '202' }),
    ]);
  });

  it('when the ESR applicant has been hired since (now an employee), then nothing is sent and the message says to enter the records in ESR by hand', async () => {
    const hannah = sandboxes.trac.getApplicant('A-100306')!;
    const person = { ...hannah.applicant.person, surname: 'Clarkson' };
    sandboxes.trac.upsertApplicant({
      ...hannah,
      applicant: { ...hannah.applicant, applicantId: 'A-900306', person },
      checks: { ...hannah.checks, references: { state: 'In Progress' } },
    });
    const record = sandboxes.esr.getApplicant('4417807')!;
    sandboxes.esr.upsertApplicant({ ...record, esrApplicantId: '4419807', lastName: 'CLARKSON' });
    const id = await harness.enqueue('R0A', 'A-900306');
    expect(await harness.waitUntilFinished(id)).toMatchObject({ outstanding: ['references'] });

    const postsTo4419807 = () => sandboxes.esr.requests().filter((post) => post.path.includes('/4419807/'));
    const postedBefore = postsTo4419807().length;
    sandboxes.esr.patchApplicant('4419807', { personType: 'EMPLOYEE' });
    sandboxes.trac.upsertApplicant(withCompleteReferences(sandboxes.trac, 'A-900306'));
    expect((await hr(t).post(`/admin/transfers/${id}/send-outstanding`)).status).toBe(202);
    const after = await sendOutstandingEnded(harness, id);

    expect(after).toMatchObject({ state: 'completed', reason: null, outstanding: ['references'] });
    expect(after.records.references).toBe('NOT_COMPLETE');
    expect(after.message).toContain('ESR no longer holds applicant 4419807');
    expect(after.message).toContain('enter the outstanding records (references) in ESR by hand');
    expect(postsTo4419807()).toHaveLength(postedBefore);
    const page = (await hr(t).get(`/admin/transfers/${id}`).set('Accept', 'text/html')).text;
    expect(page.replace(/<[^>]+>/g, '')).toMatch(
      /The last attempt to send the outstanding records, on [^:]+:\d\d:\d\d (?:GMT|BST): ESR no longer holds applicant 4419807/,
    );
    expect(page).toContain('Enter the outstanding records in ESR by hand');
    expect(page).not.toContain('action="/admin/actions/send-outstanding"');
  });

  it('when a support user, another transfer or an unknown one is named, then nothing is queued', async () => {
    const failed = await harness.enqueue('R0A', 'A-100300');
    await harness.waitUntilFinished(failed);

    const support = await asCaller(t, SUPPORT).post(`/admin/transfers/${failed}/send-outstanding`);
    const notCompleted = await hr(t).post(`/admin/transfers/${failed}/send-outstanding`);
    const unknown = await hr(t).post('/admin/transfers/R0A-A-nobody/send-outstanding');

    expect(support.status).toBe(403);
    expect(notCompleted.status).toBe(409);
    expect(notCompleted.body).toEqual({ error: 'nothing_outstanding' });
    expect(unknown.status).toBe(404);
  });
});

describe('the demo applicant whose references Trac completes a minute after the transfer', () => {
  const clock = aTestClock();
  const sandboxes = withSandboxes({ seed: startSeed(), now: clock.now });
  const { t, harness } = withWorkerAndAdminApp(sandboxes);

  it('when HR sends the outstanding records before and after that minute, then the references go to ESR once, after it', async () => {
    const id = await harness.enqueue('R0A', 'A-100321');
    expect(await harness.waitUntilFinished(id)).toMatchObject({ outstanding: ['references'] });

    await hr(t).post(`/admin/transfers/${id}/send-outstanding`);
    expect(await sendOutstandingEnded(harness, id)).toMatchObject({ outstanding: ['references'] });
    clock.advance(REFERENCES_LATER_SECONDS * 1000);
    await hr(t).post(`/admin/transfers/${id}/send-outstanding`);
    const sent = await sendOutstandingEnded(harness, id);

    expect(sent).toMatchObject({ outstanding: [], records: { references: 'SENT' } });
    const stored = await esrRecordsFor(sandboxes.esrUrl, '4417821', 'references');
    expect(stored).toHaveLength(1);
    expect(stored[0]?.timesKeyStored).toBe(1);
  });
});
