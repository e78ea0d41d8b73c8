import { withSandboxes } from '../../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../../helpers/worker';
import { aDigestHarness, anOrganisationsFile, type DigestHarness } from './digest-kit';
import { startSmtpCapture, type SmtpCapture } from './smtp-kit';

/** Demo applicant A-100300 (sandbox/demo-cases-not-sent.ts): Tomasz Nowak, born 3 May 1992; no ESR match. */
const APPLICANT = 'A-100300';
const PERSONAL_DATA = ['Tomasz', 'Nowak', 'TOMASZ', 'NOWAK', '1992-05-03', '03/05/1992', '3 May 1992'];

const sandboxes = withSandboxes();
let relay: SmtpCapture;
let transfers: TestWorker;
let h: DigestHarness;

beforeAll(async () => {
  relay = await startSmtpCapture();
  const organisationsFile = anOrganisationsFile();
  transfers = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl, organisationsFile });
  h = aDigestHarness({ smtpUrl: relay.url, queuePrefix: transfers.prefix, organisationsFile });
  h.startWorker();
});

afterAll(async () => {
  await h.close();
  await transfers.close();
  await relay.close();
});

describe('personal data in the digest', () => {
  it('when a transfer of an applicant Trac holds with a name and birth date failed, then the e-mail names the applicant by id only', async () => {
    const transferId = await transfers.enqueue('R0A', APPLICANT);
    expect(await transfers.waitUntilFinished(transferId)).toMatchObject({
      state: 'failed',
      reason: 'NO_ESR_MATCH',
    });

    expect(await h.settled(await h.sendNow())).toBe('completed');

    expect(relay.messages).toHaveLength(1);
    const { raw, text, html } = relay.messages[0]!;
    expect(text).toContain(`Transfer ${transferId}, applicant ${APPLICANT}`);
    for (const value of PERSONAL_DATA) {
      expect({
        value,
        inRaw: raw.includes(value),
        inText: text.includes(value),
        inHtml: html.includes(value),
      }).toEqual({ value, inRaw: false, inText: false, inHtml: false });
    }
  });
});
