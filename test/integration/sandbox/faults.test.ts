import request from 'supertest';
import { aScriptedRandom } from '../../helpers/sandbox';
import { aDbsBody } from './esr-bodies';
import { aTracApp, anEsrApp, postRecord, type EsrErrorBody } from './sandbox-kit';

const SEARCH = '/dit/v1/applicants?organisationCode=R0A&lastName=OBrien&dateOfBirth=1994-03-17';

/** A deterministic generator (LCG): a fixed sequence, so share counts are exact, never flaky. */
function aSeededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) % 2 ** 32;
    return state / 2 ** 32;
  };
}

describe('fault injection: outages and rate limits', () => {
  it('when errorRate draws hit, then ESR answers 500 or 503 as the random script says', async () => {
    const { app, token } = anEsrApp({
      faults: { errorRate: 0.5 },
      random: aScriptedRandom([0.2, 0.1, 0.3, 0.8, 0.9]),
    });
    const bearer = `Bearer ${await token()}`;

    const answers = [];
    for (let i = 0; i < 3; i += 1) answers.push(await request(app).get(SEARCH).set('Authorization', bearer));

    expect(answers.map((a) => a.status)).toEqual([500, 503, 200]);
    expect(answers.map((a) => (a.body as EsrErrorBody).code).slice(0, 2)).toEqual([
      'INTERNAL_ERROR',
      'SERVICE_UNAVAILABLE',
    ]);
  });

  it('when errorRate is 0.3, then about 30% of 200 Trac calls fail (fixed random sequence)', async () => {
    const { app, token } = aTracApp({ faults: { errorRate: 0.3 }, random: aSeededRandom(42) });
    const bearer = `Bearer ${await token()}`;

    let failures = 0;
    for (let i = 0; i < 200; i += 1) {
      const answer = await request(app).get('/api/v1/applicants/A-100234').set('Authorization', bearer);
      if (answer.status >= 500) failures += 1;
    }

    expect(failures).toBeGreaterThan(40);
    expect(failures).toBeLessThan(80);
  });

  it('when Trac has an outage, then its error bodies use Trac’s shape', async () => {
    const { app, token } = aTracApp({ faults: { errorRate: 1 }, random: aScriptedRandom([0, 0.9]) });

    const answer = await request(app)
      .get('/api/v1/applicants/A-100234')
      .set('Authorization', `Bearer ${await token()}`);

    expect([answer.status, answer.body]).toEqual([503, { error: 'service_unavailable' }]);
  });

  it('when rateLimitRate hits, then 429 with Retry-After in seconds on both servers', async () => {
    const esr = anEsrApp({ faults: { rateLimitRate: 1, retryAfterSeconds: 7 } });
    const trac = aTracApp({ faults: { rateLimitRate: 1 } });

    const esrAnswer = await request(esr.app)
      .get(SEARCH)
      .set('Authorization', `Bearer ${await esr.token()}`);
    const tracAnswer = await request(trac.app)
      .get('/api/v1/applicants/A-100234')
      .set('Authorization', `Bearer ${await trac.token()}`);

    expect([
      esrAnswer.status,
      esrAnswer.headers['retry-after'],
      (esrAnswer.body as EsrErrorBody).code,
    ]).toEqual([429, '7', 'RATE_LIMITED']);
    expect([tracAnswer.status, tracAnswer.headers['retry-after'], tracAnswer.body]).toEqual([
      429,
      '1',
      { error: 'rate_limited' },
    ]);
  });

  it('when a record POST is rate limited, then nothing is stored and the key stays free', async () => {
    const { app, token, sandbox } = anEsrApp({ faults: { rateLimitRate: 1 } });
    const bearer = await token();

    const limited = await postRecord(
      app,
      bearer,
      { esrApplicantId: '4417723', recordType: 'dbs', key: 'k' },
      aDbsBody(),
    );
    sandbox.setFaults({});
    const retried = await postRecord(
      app,
      bearer,
      { esrApplicantId: '4417723', recordType: 'dbs', key: 'k' },
      aDbsBody(),
    );

    expect(limited.status).toBe(429);
    expect([retried.status, retried.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });

  it('when faults are on, then token and /sandbox/ endpoints still answer normally', async () => {
    const { app, token } = anEsrApp({ faults: { errorRate: 1, timeoutRate: 0 } });

    const tokenAnswer = await token();
    const records = await request(app).get('/sandbox/records');

    expect(tokenAnswer).toEqual(expect.any(String));
    expect(records.status).toBe(200);
  });
});

describe('fault injection: latency', () => {
  it('when latencyMs is set, then Trac and ESR answers take at least that long', async () => {
    const esr = anEsrApp({ faults: { latencyMs: 300 } });
    const trac = aTracApp({ faults: { latencyMs: 300 } });
    const esrToken = await esr.token();
    const tracToken = await trac.token();

    const startedAt = performance.now();
    const posted = await postRecord(
      esr.app,
      esrToken,
      { esrApplicantId: '4417723', recordType: 'dbs', key: 'k' },
      aDbsBody(),
    );
    const postMs = performance.now() - startedAt;
    const readAt = performance.now();
    await request(trac.app).get('/api/v1/applicants/A-100234').set('Authorization', `Bearer ${tracToken}`);
    const readMs = performance.now() - readAt;

    expect(posted.status).toBe(201);
    expect(postMs).toBeGreaterThanOrEqual(250);
    expect(readMs).toBeGreaterThanOrEqual(250);
  });
});
