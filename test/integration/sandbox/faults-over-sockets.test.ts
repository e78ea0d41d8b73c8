import { aTestClock, anEsrToken, aTracToken, withSandboxes } from '../../helpers/sandbox';
import { aDbsBody } from './esr-bodies';

/** The error name of a request that got no answer (errors cross jest realms: compare names). */
async function failureOf(pending: Promise<Response>): Promise<{ name: string } | { status: number }> {
  try {
    return { status: (await pending).status };
  } catch (error) {
    return { name: (error as Error).name };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitUntil(condition: () => boolean): Promise<void> {
  while (!condition()) await sleep(5);
}

describe('fault injection over real sockets', () => {
  const clock = aTestClock();
  const sandboxes = withSandboxes({ now: clock.now });

  afterEach(() => {
    sandboxes.esr.setFaults({});
    sandboxes.trac.setFaults({});
  });

  async function postDbs(key: string, signal?: AbortSignal): Promise<Response> {
    return fetch(`${sandboxes.esrUrl}/dit/v1/applicants/4417723/employment-checks/dbs`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await anEsrToken(sandboxes.esrUrl)}`,
        'content-type': 'application/json',
        'idempotency-key': key,
      },
      body: JSON.stringify(aDbsBody()),
      signal,
    });
  }

  it('when timeoutRate hits, then no answer comes until the client gives up, and nothing is stored', async () => {
    sandboxes.esr.setFaults({ timeoutRate: 1 });
    const client = new AbortController();

    const outcome = failureOf(postDbs('timeout-key', client.signal));
    await waitUntil(() => sandboxes.esr.requests().some((r) => r.idempotencyKey === 'timeout-key'));
    const meanwhile = await Promise.race([outcome, sleep(200).then(() => 'still waiting')]);
    client.abort();

    expect(meanwhile).toBe('still waiting');
    expect(await outcome).toEqual({ name: 'AbortError' });
    expect(sandboxes.esr.records({ esrApplicantId: '4417723' })).toEqual([]);
  });

  it('when Trac times out, then its API call hangs too, while its token endpoint answers', async () => {
    sandboxes.trac.setFaults({ timeoutRate: 1 });
    const token = await aTracToken(sandboxes.tracUrl);

    const outcome = await failureOf(
      fetch(`${sandboxes.tracUrl}/api/v1/applicants/A-100234`, {
        headers: { authorization: `Bearer ${token}` },
        signal: AbortSignal.timeout(300),
      }),
    );

    expect(outcome).toEqual({ name: 'TimeoutError' });
  });

  it('when a response is lost, then the record is stored once and a retry with the key is a replay', async () => {
    sandboxes.esr.setFaults({ lostResponseRate: 1 });

    const lost = await failureOf(postDbs('lost-key'));
    sandboxes.esr.setFaults({});
    const retried = await postDbs('lost-key');

    expect(lost).toEqual({ name: 'TypeError' });
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBe('true');
    expect(
      sandboxes.esr.records({ esrApplicantId: '4417723' }).filter((r) => r.idempotencyKey === 'lost-key'),
    ).toEqual([expect.objectContaining({ timesKeyStored: 1 })]);
  });

  it('when faults are replaced over HTTP, then GET shows them and what was left out is off', async () => {
    const put = await fetch(`${sandboxes.esrUrl}/sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 0.25, retryAfterSeconds: 3 }),
    });
    const read = await fetch(`${sandboxes.esrUrl}/sandbox/faults`);

    expect(put.status).toBe(200);
    expect(await read.json()).toEqual({
      latencyMs: 0,
      errorRate: 0.25,
      rateLimitRate: 0,
      retryAfterSeconds: 3,
      timeoutRate: 0,
      lostResponseRate: 0,
    });
    expect(sandboxes.trac.getFaults().errorRate).toBe(0);
  });

  it('when the fault settings are invalid, then 400 and the settings are unchanged', async () => {
    const answer = await fetch(`${sandboxes.tracUrl}/sandbox/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ errorRate: 2, latency: 5 }),
    });

    expect(answer.status).toBe(400);
    expect(sandboxes.trac.getFaults().errorRate).toBe(0);
  });
});
