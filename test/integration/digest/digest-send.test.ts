import { aStoredTransfer, eventually } from '../../helpers/admin';
import { escapeHtml } from '../../../src/admin/pages/html';
import { HINTS } from '../../../src/transfer/match-hints';
import { REASONS } from '../../../src/transfer/reasons';
import { aDigestHarness, PUBLIC_BASE_URL, type DigestHarness } from './digest-kit';
import { startSmtpCapture, type SmtpCapture } from './smtp-kit';

let relay: SmtpCapture;
let h: DigestHarness;

beforeEach(async () => {
  relay = await startSmtpCapture();
  h = aDigestHarness({ smtpUrl: relay.url });
  h.startWorker();
});

afterEach(async () => {
  await h.close();
  await relay.close();
});

/** The lines of the text part from a heading to the next blank line. */
function sectionOf(text: string, heading: string): string {
  const start = text.indexOf(heading);
  if (start < 0) return '';
  const end = text.indexOf('\n\n', start);
  return text.slice(start, end < 0 ? undefined : end);
}

describe('the e-mail digest for HR', () => {
  it('when an organisation with hrEmails has failed transfers, then one e-mail lists them by reason, with what to fix and a link to the HR page', async () => {
    const noMatch = [
      await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'NO_ESR_MATCH' }),
      await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'NO_ESR_MATCH' }),
    ];
    const invalid = await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'INVALID_TRAC_DATA' });
    const done = await aStoredTransfer(h.store, {
      organisationCode: 'R0A',
      state: 'completed',
      reason: null,
    });

    expect(await h.settled(await h.sendNow())).toBe('completed');

    expect(relay.messages).toHaveLength(1);
    const [mail] = relay.messages;
    expect(mail?.subject).toBe('DiT employment checks: 3 transfers need attention (R0A)');
    expect(mail?.from).toBe('dit-checks-connector@example.nhs.uk');
    expect(mail?.to.sort()).toEqual(['hr.team@example.nhs.uk', 'medical.staffing@example.nhs.uk']);
    const text = mail?.text ?? '';
    const noMatchSection = sectionOf(text, REASONS.NO_ESR_MATCH.title);
    const invalidSection = sectionOf(text, REASONS.INVALID_TRAC_DATA.title);
    expect(noMatchSection).toContain(`What to fix: ${REASONS.NO_ESR_MATCH.fix}.`);
    expect(invalidSection).toContain(`What to fix: ${REASONS.INVALID_TRAC_DATA.fix}.`);
    for (const id of noMatch) {
      expect(noMatchSection).toMatch(
        new RegExp(
          `Transfer ${id}, applicant ${id.slice(4)}, failed \\d{1,2} [A-Z][a-z]+ \\d{4} at \\d\\d:\\d\\d:\\d\\d (GMT|BST)`,
        ),
      );
    }
    expect(invalidSection).toContain(`Transfer ${invalid}, applicant ${invalid.slice(4)}`);
    expect(noMatchSection).not.toContain(invalid);
    expect(text).not.toContain(done);
    const link = `${PUBLIC_BASE_URL}/admin/transfers?state=failed&organisation=R0A`;
    expect(text).toContain(`See them in the list of failed transfers: ${link}`);
    expect(mail?.html).toContain(
      `<a href="${link.replace('&', '&amp;')}">See the list of failed transfers of R0A</a>`,
    );
    expect(mail?.html).toContain(escapeHtml(REASONS.NO_ESR_MATCH.fix));
    expect(mail?.html).toContain('<html lang="en">');
    expect(mail?.html).toMatch(/<th scope="col"[^>]*>Transfer<\/th>/);
    for (const id of [...noMatch, invalid]) expect(mail?.html).toContain(`>${id}<`);
  });

  it("when a transfer failed to match, then the digest gives its cause with each hint's sentence, the ESR records and a link to its page", async () => {
    const swapped = await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'NO_ESR_MATCH' });
    await h.store.update(swapped, {
      match: { hints: ['DATE_OF_BIRTH_DAY_MONTH_SWAPPED'], esrApplicantIds: ['4417800'] },
    });
    const twins = await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'NO_ESR_MATCH' });
    await h.store.update(twins, { match: { hints: ['NO_CANDIDATE'], esrApplicantIds: [] } });

    expect(await h.settled(await h.sendNow())).toBe('completed');

    const text = relay.messages[0]?.text ?? '';
    const html = relay.messages[0]?.html ?? '';
    const swappedLines = sectionOf(text, `Transfer ${swapped},`);
    const { DATE_OF_BIRTH_DAY_MONTH_SWAPPED: hint, NO_CANDIDATE: none } = HINTS;
    expect(swappedLines).toContain(`  Cause: ${hint.title}. ${hint.fix('TIS')}`);
    expect(swappedLines).toContain('  The causes are about ESR record 4417800.');
    expect(swappedLines).toContain(`  Open the transfer: ${PUBLIC_BASE_URL}/admin/transfers/${swapped}`);
    const twinLines = sectionOf(text, `Transfer ${twins},`).split('\n- ')[0] ?? '';
    expect(twinLines).toContain(`  Cause: ${none.title}. ${none.fix('TIS')}`);
    expect(twinLines).not.toContain('The causes are about');
    expect(html).toContain(`<a href="${PUBLIC_BASE_URL}/admin/transfers/${swapped}">${swapped}</a>`);
    expect(html).toContain(escapeHtml(hint.fix('TIS')));
    expect(hint.fix('TIS')).toContain("check in ESR that the record is this applicant's");
  });

  it('when organisations have nothing failed, no hrEmails or are disabled, then they get nothing', async () => {
    await aStoredTransfer(h.store, { organisationCode: '7A1', state: 'completed', reason: null });
    await aStoredTransfer(h.store, { organisationCode: 'R1B', reason: 'NO_ESR_MATCH' });
    await aStoredTransfer(h.store, { organisationCode: 'RX9', reason: 'NO_ESR_MATCH' });

    expect(await h.settled(await h.sendNow())).toBe('completed');

    expect(relay.messages).toEqual([]);
  });

  it('when only some organisations have failed transfers, then only their HR teams get an e-mail', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'AMBIGUOUS_ESR_MATCH' });
    await aStoredTransfer(h.store, { organisationCode: 'R1B', reason: 'NO_ESR_MATCH' });
    await aStoredTransfer(h.store, { organisationCode: 'RX9', reason: 'NO_ESR_MATCH' });

    expect(await h.settled(await h.sendNow())).toBe('completed');

    expect(relay.messages.map((m) => m.subject)).toEqual([
      'DiT employment checks: 1 transfers need attention (R0A)',
    ]);
    expect(relay.messages[0]?.text).not.toMatch(/R1B|RX9/);
  });

  it('when the relay refuses the first sessions, then the run is retried and the e-mail delivered once', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    relay.refuseNext(2);

    expect(await h.settled(await h.sendNow())).toBe('completed');

    expect(relay.refused()).toBe(2);
    expect(relay.messages).toHaveLength(1);
    expect(h.logs.some((line) => line.includes('digest not sent: will retry'))).toBe(true);
  });

  it('when two runs of one slot happen (two workers, a retry), then the slot sends one e-mail', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });
    h.startWorker(); // a second worker process
    const jobId = await h.sendNow();
    await h.settled(jobId);
    await eventually(() => Promise.resolve(relay.messages.length === 1));

    const first = await h.queue.getJob(jobId);
    const firstFinishedOn = first?.finishedOn ?? 0;
    await first?.retry('completed'); // the same job, so the same slot, runs a second time
    let rerun = await h.queue.getJob(jobId);
    await eventually(async () => {
      rerun = await h.queue.getJob(jobId);
      return (rerun?.finishedOn ?? 0) > firstFinishedOn;
    });

    expect(rerun?.returnvalue).toEqual({ sent: [], alreadySent: ['R0A'], uncertain: [] });
    expect(relay.messages).toHaveLength(1);
    expect(await h.redis.exists(`${h.prefix}:digest-sent:${jobId}:R0A`)).toBe(1);
  });

  it('when the digest is sent now twice in a row, then each run is its own slot, and the second sends nothing new (10 minutes)', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A' });

    const first = await h.sendNow();
    await h.settled(first);
    const second = await h.sendNow();
    await h.settled(second);

    expect(second).not.toBe(first);
    expect(relay.messages).toHaveLength(1);
    expect((await h.queue.getJob(second))?.returnvalue).toEqual({
      sent: [],
      alreadySent: ['R0A'],
      uncertain: [],
    });
  });
});
