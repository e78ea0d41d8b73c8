import { queueDigestNow } from '../../../src/store/digest-queue';
import { aStoredTransfer } from '../../helpers/admin';
import { aDigestHarness, FAST_RETRY, type DigestHarness } from './digest-kit';
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

describe('a digest asked for by someone acting for some organisations', () => {
  it('when the run carries R0A only, then only R0A’s HR is e-mailed, though 7A1 has failed transfers too', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'NO_ESR_MATCH' });
    const other = await aStoredTransfer(h.store, { organisationCode: '7A1', reason: 'NO_ESR_MATCH' });

    const run = await queueDigestNow(h.redis, h.prefix, FAST_RETRY, ['R0A']);
    expect(await h.settled(run)).toBe('completed');

    expect(relay.messages.map((mail) => mail.to)).toEqual([
      expect.arrayContaining(['hr.team@example.nhs.uk']) as unknown,
    ]);
    expect(JSON.stringify(relay.messages)).not.toContain(other);
  });

  it('when the run carries no organisations (someone acting for all), then every organisation with failed transfers is e-mailed', async () => {
    await aStoredTransfer(h.store, { organisationCode: 'R0A', reason: 'NO_ESR_MATCH' });
    await aStoredTransfer(h.store, { organisationCode: '7A1', reason: 'NO_ESR_MATCH' });

    expect(await h.settled(await h.sendNow())).toBe('completed');

    expect(relay.messages.flatMap((mail) => mail.to).sort()).toEqual([
      'hr.team@example.nhs.uk',
      'hr@7a1.example.nhs.uk',
      'medical.staffing@example.nhs.uk',
    ]);
  });
});
