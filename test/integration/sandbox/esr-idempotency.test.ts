import request from 'supertest';
import { IDEMPOTENCY_TTL_MS } from '../../../sandbox';
import { aLatencyGate } from '../../helpers/sandbox';
import { aDbsBody } from './esr-bodies';
import { anEsrApp, postRecord, type EsrErrorBody } from './sandbox-kit';

const TARGET = { esrApplicantId: '4417723', recordType: 'dbs', key: 'R0A-A-100234:dbs' };

async function anAuthorisedEsr(options: Parameters<typeof anEsrApp>[0] = {}) {
  const esr = anEsrApp(options);
  const token = await esr.token();
  const post = (body: unknown, target: Partial<typeof TARGET> = {}) =>
    postRecord(esr.app, token, { ...TARGET, ...target }, body);
  return { ...esr, token, post };
}

describe('ESR sandbox idempotency', () => {
  it('when the same key and body come again, then the same 201 with Idempotent-Replayed and one record', async () => {
    const { post, sandbox } = await anAuthorisedEsr();

    const first = await post(aDbsBody());
    const again = await post(aDbsBody());

    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(sandbox.records().map((r) => r.timesKeyStored)).toEqual([1]);
  });

  it('when the same body comes with its fields in another order, then it is still a replay', async () => {
    const { post } = await anAuthorisedEsr();
    const reordered = Object.fromEntries(Object.entries(aDbsBody()).reverse());

    await post(aDbsBody());
    const again = await post(reordered);

    expect([again.status, again.headers['idempotent-replayed']]).toEqual([201, 'true']);
  });

  it('when the key comes with a different body, then 422 IDEMPOTENCY_KEY_REUSED and nothing more is stored', async () => {
    const { post, sandbox } = await anAuthorisedEsr();

    await post(aDbsBody());
    const reused = await post(aDbsBody({ outcome: 'UNSATISFACTORY' }));

    expect([reused.status, (reused.body as EsrErrorBody).code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(sandbox.records()).toHaveLength(1);
  });

  it('when the key comes for another applicant with the same body, then 422 IDEMPOTENCY_KEY_REUSED', async () => {
    const { post } = await anAuthorisedEsr();

    await post(aDbsBody());
    const elsewhere = await post(aDbsBody(), { esrApplicantId: '4417809' });

    expect([elsewhere.status, (elsewhere.body as EsrErrorBody).code]).toEqual([
      422,
      'IDEMPOTENCY_KEY_REUSED',
    ]);
  });

  it('when a request was rejected, then its key stays free for the corrected request', async () => {
    const { post } = await anAuthorisedEsr();

    const rejected = await post(aDbsBody({ certificateNumber: '123' }));
    const corrected = await post(aDbsBody());

    expect(rejected.status).toBe(400);
    expect([corrected.status, corrected.headers['idempotent-replayed']]).toEqual([201, undefined]);
  });

  it('when a request with the key is still in its latency, then a second gets 409 IDEMPOTENCY_KEY_IN_USE', async () => {
    const gate = aLatencyGate();
    const { post, sandbox } = await anAuthorisedEsr({ delay: gate.delay, faults: { latencyMs: 1000 } });

    const first = post(aDbsBody()).then((answer) => answer);
    await gate.waitForPending(1);
    const inFlight = sandbox.idempotencyKeyState(TARGET.key);
    const second = post(aDbsBody()).then((answer) => answer);
    await gate.waitForPending(2);
    gate.releaseAll();
    const [firstAnswer, secondAnswer] = await Promise.all([first, second]);

    expect(inFlight).toBe('in-flight');
    expect(firstAnswer.status).toBe(201);
    expect([secondAnswer.status, (secondAnswer.body as EsrErrorBody).code]).toEqual([
      409,
      'IDEMPOTENCY_KEY_IN_USE',
    ]);
    expect(sandbox.idempotencyKeyState(TARGET.key)).toBe('completed');
    expect(sandbox.records()).toHaveLength(1);
  });

  it('when 24 hours of the injected clock pass, then the key is forgotten and the body is stored again', async () => {
    const { post, clock, sandbox } = await anAuthorisedEsr({ tokenTtlSeconds: 3 * 24 * 3600 });

    await post(aDbsBody());
    clock.advance(IDEMPOTENCY_TTL_MS - 1);
    const justBefore = await post(aDbsBody());
    clock.advance(1);
    const afterExpiry = await post(aDbsBody());

    expect(justBefore.headers['idempotent-replayed']).toBe('true');
    expect([afterExpiry.status, afterExpiry.headers['idempotent-replayed']]).toEqual([201, undefined]);
    expect(sandbox.records().map((r) => r.timesKeyStored)).toEqual([2, 2]);
  });

  it('when the key state is read over HTTP, then it shows completed, or 404 for an unknown key', async () => {
    const { post, app } = await anAuthorisedEsr();
    await post(aDbsBody());

    const known = await request(app).get(`/sandbox/idempotency-keys/${encodeURIComponent(TARGET.key)}`);
    const unknown = await request(app).get('/sandbox/idempotency-keys/never-used');

    expect(known.body).toEqual({ key: TARGET.key, state: 'completed' });
    expect(unknown.status).toBe(404);
  });
});
