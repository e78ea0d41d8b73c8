import { writeFileSync } from 'node:fs';
import { ConfigError, loadConfig } from '../../../config';
import { readOrganisationsFile } from '../../../config/organisations';
import { anOrganisationsFile } from './digest-kit';

const base = { NODE_ENV: 'test' };

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig({ ...base, ...env }, 'worker');
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('digest configuration', () => {
  it('when nothing is set, then no digest, the contract defaults, and links to the receiver', () => {
    const config = loadConfig({ ...base, HOST: '127.0.0.1', PORT: '3100' }, 'worker');

    expect(config).toMatchObject({
      smtpUrl: undefined,
      digestFrom: 'dit-checks-connector@localhost',
      digestSchedule: '0 8 * * 1-5',
      publicBaseUrl: 'http://127.0.0.1:3100',
    });
  });

  it('when the digest variables are set, then they are used (the base URL without a trailing slash)', () => {
    const config = loadConfig(
      {
        ...base,
        SMTP_URL: 'smtps://user:pass@relay.example.nhs.uk:465',
        DIGEST_FROM: 'dit-checks@trust.nhs.uk',
        DIGEST_SCHEDULE: '30 7 * * MON-FRI',
        PUBLIC_BASE_URL: 'https://dit.trust.nhs.uk/',
      },
      'worker',
    );

    expect(config).toMatchObject({
      smtpUrl: 'smtps://user:pass@relay.example.nhs.uk:465',
      digestFrom: 'dit-checks@trust.nhs.uk',
      digestSchedule: '30 7 * * MON-FRI',
      publicBaseUrl: 'https://dit.trust.nhs.uk',
    });
  });

  it.each([
    ['SMTP_URL', 'http://user:hunter2-secret@relay.example:25', 'must be a smtp:// or smtps:// URL'],
    ['SMTP_URL', 'not a url hunter2-secret', 'must be a smtp:// or smtps:// URL'],
    ['DIGEST_FROM', 'nobody', 'must be an e-mail address'],
    ['DIGEST_SCHEDULE', '0 8 * *', 'must be a cron expression of 5 fields'],
    ['DIGEST_SCHEDULE', '0 25 * * 1-5', 'the hour field "25" is not valid'],
    ['DIGEST_SCHEDULE', '0 8 * * MON-XYZ', 'the day of week field'],
    ['PUBLIC_BASE_URL', 'ftp://files.example', 'must be a http(s):// URL'],
  ])(
    'when %s is %p, then start-up stops naming it (and never repeating a secret)',
    (variable, value, hint) => {
      const problems = problemsOf({ [variable]: value });

      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatch(new RegExp(`^${variable}: `));
      expect(problems[0]).toContain(hint);
      expect(problems.join('\n')).not.toContain('hunter2-secret');
    },
  );

  it.each(['*/15 * * * *', '0 8 * * 1-5', '0 0 8 * * 1-5', '0 8,12 1-7 JAN-MAR 1', '0 8 * * 0,7'])(
    'when DIGEST_SCHEDULE is %p, then it is accepted',
    (pattern) => {
      expect(problemsOf({ DIGEST_SCHEDULE: pattern })).toEqual([]);
    },
  );

  it('when an organisation lists hrEmails, then they are read; when one is not an address, then the file is refused naming it', () => {
    const good = anOrganisationsFile([
      { code: 'R0A', name: 'Trust', ditProvider: 'TIS', enabled: true, hrEmails: ['hr.team@example.nhs.uk'] },
    ]);
    expect(readOrganisationsFile(good)[0]?.hrEmails).toEqual(['hr.team@example.nhs.uk']);

    writeFileSync(
      good,
      JSON.stringify([
        { code: 'R0A', name: 'Trust', ditProvider: 'TIS', enabled: true, hrEmails: ['hr team'] },
      ]),
    );
    expect(() => readOrganisationsFile(good)).toThrow(/0\.hrEmails\.0: must be an e-mail address/);
  });
});
