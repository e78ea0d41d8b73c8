import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esrRequestBodies, withSandboxes } from '../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../helpers/worker';

const sandboxes = withSandboxes();
let harness: TestWorker;

afterEach(async () => {
  await harness.close();
});

describe('transfers that cannot succeed', () => {
  it('when Trac holds no such applicant, then the transfer fails TRAC_APPLICANT_NOT_FOUND with a sentence for HR', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const id = await harness.enqueue('R0A', 'A-999999');
    const transfer = await harness.waitUntilFinished(id);
    expect(transfer).toMatchObject({ state: 'failed', reason: 'TRAC_APPLICANT_NOT_FOUND', attempts: 1 });
    expect(transfer.message).toContain('A-999999');
  });

  it('when a Trac check breaks records.md, then nothing is sent and the message names record and field', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const before = (await esrRequestBodies(sandboxes.esrUrl)).length;
    const id = await harness.enqueue('R0A', 'A-100307');
    const transfer = await harness.waitUntilFinished(id);
    expect(transfer).toMatchObject({ state: 'failed', reason: 'INVALID_TRAC_DATA' });
    expect(transfer.message).toContain('dbs.certificateNumber');
    expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(before);
    // what the HR pages name in words: the check, the field, the rule and the digits counted, never the digits
    expect(transfer.problem).toEqual({
      source: 'trac',
      subject: 'dbs',
      field: 'certificateNumber',
      rule: 'must be 12 digits',
      found: 'has 11 digits',
    });
  });

  it('when a transfer fails for a reason, then Bull Board shows the reason and its sentence as the failed reason, without a stack trace', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const [invalid, noMatch] = await Promise.all([
      harness.enqueue('R0A', 'A-100307'),
      harness.enqueue('R0A', 'A-100300'),
    ]);
    await Promise.all([harness.waitUntilFinished(invalid), harness.waitUntilFinished(noMatch)]);

    const [invalidJob, noMatchJob] = await Promise.all([
      harness.queue.getJob(invalid),
      harness.queue.getJob(noMatch),
    ]);

    expect(invalidJob?.failedReason).toBe(
      "Check data in Trac breaks ESR's rules (INVALID_TRAC_DATA). In Trac's DBS check, the certificate number has 11 digits; it must have 12 digits. Nothing was sent. Correct the certificate number in the applicant's DBS check in Trac, then re-queue.",
    );
    expect(noMatchJob?.failedReason).toMatch(
      /^No matching applicant in ESR \(NO_ESR_MATCH\)\. No TIS-created applicant/,
    );
    expect([invalidJob?.stacktrace, noMatchJob?.stacktrace]).toEqual([[], []]);
    expect(JSON.stringify([invalidJob?.failedReason, noMatchJob?.failedReason])).not.toMatch(
      /\.ts\b|\/src\/|\bat \S+ \(|Error:/,
    );
  });

  it('when no ESR applicant matches, then the message tells HR which three fields to check', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', 'A-100300'));
    expect(transfer.reason).toBe('NO_ESR_MATCH');
    expect(transfer.message).toBe(
      "No TIS-created applicant in ESR matches this applicant's first name, last name and date of birth in organisation R0A: check those three fields in ESR, close historic records, then re-queue.",
    );
  });

  it('when the organisation was disabled after the transfer was queued, then it fails ORGANISATION_NOT_ENABLED', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'dit-orgs-')), 'organisations.json');
    const organisations = JSON.parse(readFileSync('config/organisations.json', 'utf8')) as {
      code: string;
      enabled: boolean;
    }[];
    writeFileSync(
      file,
      JSON.stringify(organisations.map((o) => (o.code === 'R0A' ? { ...o, enabled: false } : o))),
    );
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl, organisationsFile: file });
    const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', 'A-100234'));
    expect(transfer).toMatchObject({ state: 'failed', reason: 'ORGANISATION_NOT_ENABLED' });
  });

  it('when a transfer completes, then its return value and data hold ids and outcomes only, and it writes no job log', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const id = await harness.enqueue('R0A', 'A-100306');
    await harness.waitUntilFinished(id);
    const job = await harness.queue.getJob(id);
    const { logs } = await harness.queue.getJobLogs(id);
    // the return value shows Bull Board the records; a log line per run is kept for runs that did not complete
    expect(logs).toEqual([]);
    expect(job?.returnvalue).toMatchObject({
      transferId: id,
      reason: null,
      records: { references: 'NOT_COMPLETE' },
    });
    expect(job?.data).toEqual({
      organisationCode: 'R0A',
      applicantId: 'A-100306',
      receivedAt: expect.any(String) as unknown,
      trigger: 'manual',
    });
    expect(JSON.stringify([logs, job?.progress, job?.returnvalue])).not.toMatch(
      /\d{4}-\d{2}-\d{2}|Aoife|certificate/i,
    );
  });

  it('when a transfer fails, then its job log holds one line with the outcomes and its progress the records, ids and outcomes only', async () => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
    const id = await harness.enqueue('R0A', 'A-100300'); // no ESR match: nothing sent
    await harness.waitUntilFinished(id);
    const job = await harness.queue.getJob(id);
    const { logs } = await harness.queue.getJobLogs(id);
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatch(/^attempt 1: dbs: NOT_SENT, professional-registration: NOT_SENT/);
    expect(job?.progress).toMatchObject({ records: { dbs: 'NOT_SENT' } });
    expect(JSON.stringify([logs, job?.progress])).not.toMatch(/\d{4}-\d{2}-\d{2}|Aoife|certificate/i);
  });
});
