import { secretsOfRun } from '../../faults/fault-checks';
import { findPersonalData, secretTokensOf } from '../../faults/personal-data-scan';

const ENV = {
  WEBHOOK_SECRETS: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw,whsec_c2Vjb25kLXNlY3JldC1rZXktdmFsdWU=',
  ADMIN_USERS: 'hr-admin:fault-suite-admin',
  SUPPORT_USERS: 'support:fault-suite-support:R0A',
};

describe("the fault suite's scan for secrets", () => {
  const tokens = secretTokensOf(secretsOfRun(ENV, ['sandbox-issued-token-0123456789']));

  it('when a log line carries a webhook secret, a password, a client secret or an issued token, then each is found', () => {
    const lines = [
      '{"level":"info","message":"secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"}',
      '{"key":"c2Vjb25kLXNlY3JldC1rZXktdmFsdWU="}',
      '{"password":"fault-suite-support"}',
      '{"client":"trac-sandbox-secret"}',
      '{"authorization":"Bearer sandbox-issued-token-0123456789"}',
    ];
    const found = lines.map((line) =>
      findPersonalData(line, 'receiver output', tokens).map((hit) => hit.kind),
    );
    expect(found).toEqual([['secret', 'secret'], ['secret'], ['secret'], ['secret'], ['secret']]);
  });

  it('when log lines carry user names, organisation codes and ids only, then nothing is found', () => {
    const line =
      '{"level":"info","message":"admin write","user":"hr-admin","role":"support","organisations":"R0A","transferId":"R0A-A-100234"}';
    expect(findPersonalData(line, 'receiver output', tokens)).toEqual([]);
  });
});
