import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { buildTestApp, type TestApp } from '../helpers/app';
import { aSignedWebhook, aWebhookBody, aWebhookId, aWebhookSecret } from '../helpers/webhooks';
import { aDelivery, type GeneratedDelivery, type Redelivery, type Signing } from './webhook-deliveries';

/** Every answer the contract allows while Redis is up. */
const CONTRACT_STATUSES = [200, 202, 400, 401, 413, 415];
const DELIVERIES = 10_000;

let t: TestApp;
let port: number;
const agent = new Agent({ keepAlive: true, maxSockets: 1 });

interface Answer {
  status: number;
  contentType: string;
  outcome: string;
}

/** One POST over a kept-alive loopback connection; headers may repeat (array values). */
function post(headers: Record<string, string | string[]>, payload: string | Buffer, chunked: boolean) {
  return new Promise<Answer>((resolve, reject) => {
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const all = chunked ? headers : { ...headers, 'content-length': String(body.length) };
    const req = request(
      { host: '127.0.0.1', port, method: 'POST', path: '/webhooks/trac', agent, headers: all },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString();
          let outcome: string;
          try {
            const parsed = JSON.parse(text) as { status?: string; error?: string };
            outcome = parsed.status ?? parsed.error ?? '';
          } catch {
            outcome = `unreadable: ${text.slice(0, 80)}`;
          }
          resolve({ status: res.statusCode ?? 0, contentType: res.headers['content-type'] ?? '', outcome });
        });
      },
    );
    // a 413 may be answered before the whole body is written; the answer is what counts
    req.on('error', reject);
    req.setTimeout(10_000, () => req.destroy(new Error('no answer within 10 s')));
    req.end(body);
  });
}

/** The three Standard Webhooks headers, made as the delivery says, signed now. */
function signedHeaders(
  signing: Signing,
  payload: string | Buffer,
  id: string,
): Record<string, string | string[]> {
  const now = Math.floor(Date.now() / 1000);
  const sign = (
    options: { timestamp?: number; secret?: string; body?: string | Buffer; id?: string } = {},
  ) => {
    const headers: Record<string, string | string[]> = {
      ...aSignedWebhook({
        body: options.body ?? payload,
        id: options.id ?? id,
        timestamp: options.timestamp ?? now,
        ...(options.secret ? { secret: options.secret } : {}),
      }).headers,
    };
    delete headers['content-type']; // each delivery sets its own
    return headers;
  };
  switch (signing.kind) {
    case 'valid':
    case 'out-of-tolerance':
      return sign({ timestamp: now + signing.skewSeconds });
    case 'wrong-secret':
      return sign({ secret: aWebhookSecret() });
    case 'tampered':
      return sign({ body: `${payload.toString()} ` });
    case 'bad-timestamp':
      return { ...sign(), 'webhook-timestamp': signing.value };
    case 'long-id':
      return sign({ id: `msg_${'x'.repeat(300)}` });
    case 'missing': {
      const headers = sign();
      for (const name of Object.keys(headers))
        if (signing.header === 'all' || name === signing.header) delete headers[name];
      return headers;
    }
    case 'empty':
      return { ...sign(), [signing.header]: '' };
    case 'random':
      return {
        'webhook-id': signing.id,
        'webhook-timestamp': signing.timestamp,
        'webhook-signature': signing.signature,
      };
    case 'duplicated': {
      const headers = sign();
      const other =
        signing.header === 'webhook-signature' ? 'v1,bm90IGEgc2lnbmF0dXJl' : String(headers[signing.header]);
      const first =
        signing.header === 'webhook-signature' ? 'v1,YWxzbyBub3Qgb25l' : String(headers[signing.header]);
      return { ...headers, [signing.header]: [first, other] };
    }
  }
}

/** What the run has seen: transfers queued, and acknowledged messages a redelivery may repeat. */
const queued = new Set<string>();
const acknowledged: { id: string; payload: string | Buffer; outcome: 'duplicate' | 'ignored' }[] = [];
const answered: Record<string, number> = {};

async function send(delivery: GeneratedDelivery, id = aWebhookId()): Promise<Answer> {
  const headers = signedHeaders(delivery.signing, delivery.payload, id);
  const withType =
    delivery.contentType === undefined ? headers : { ...headers, 'content-type': delivery.contentType };
  const answer = await post(withType, delivery.payload, delivery.chunked);
  const key = `${delivery.category} → ${answer.status} ${answer.outcome}`;
  answered[key] = (answered[key] ?? 0) + 1;
  return answer;
}

async function deliverAndCheck(generated: GeneratedDelivery | Redelivery): Promise<void> {
  if (generated.category === 'redelivery') {
    const { pick } = generated as Redelivery;
    const earlier = acknowledged[pick % acknowledged.length];
    if (!earlier) throw new Error('no acknowledged delivery to repeat');
    const answer = await send(
      {
        category: 'redelivery',
        payload: earlier.payload,
        contentType: 'application/json',
        signing: { kind: 'valid', skewSeconds: 0 },
        chunked: false,
        expect: { kind: 'one-of', statuses: [200] },
      },
      earlier.id,
    );
    expect([answer.status, answer.outcome]).toEqual([200, earlier.outcome]);
    return;
  }
  const delivery = generated as GeneratedDelivery;
  const id = aWebhookId();
  const answer = await send(delivery, id);

  expect(CONTRACT_STATUSES).toContain(answer.status);
  expect(answer.contentType).toMatch(/^application\/json/);
  const { expect: expected } = delivery;
  if (expected.kind === 'trigger') {
    const first = !queued.has(expected.transferId);
    expect([answer.status, answer.outcome]).toEqual(first ? [202, 'queued'] : [200, 'duplicate']);
    queued.add(expected.transferId);
    acknowledged.push({ id, payload: delivery.payload, outcome: 'duplicate' });
  } else if (expected.kind === 'status') {
    expect([answer.status, answer.outcome]).toEqual([expected.status, expected.outcome]);
    if (answer.status === 200) acknowledged.push({ id, payload: delivery.payload, outcome: 'ignored' });
  } else {
    expect(expected.statuses).toContain(answer.status);
    if (answer.status === 200) expect(answer.outcome).toBe('ignored'); // never a job
  }
}

beforeAll(async () => {
  t = await buildTestApp();
  port = (t.server.address() as AddressInfo).port;
  // one acknowledged message before the fuzzing, so that a redelivery always has one to repeat
  const body = aWebhookBody();
  const signed = aSignedWebhook({ body });
  const answer = await post(signed.headers, signed.payload, false);
  if (answer.status !== 202) throw new Error(`the first trigger was answered ${answer.status}`);
  queued.add(`${body.data.organisationCode}-${body.data.applicantId}`);
  acknowledged.push({ id: signed.id, payload: signed.payload, outcome: 'duplicate' });
});

afterAll(async () => {
  agent.destroy();
  await t.close();
});

describe('POST /webhooks/trac under 10,000 generated deliveries', () => {
  it('when valid, mis-signed, malformed, oversized and repeated deliveries arrive, then every answer is the contract one and jobs exist only for valid triggers', async () => {
    const started = Date.now();
    await fc.assert(fc.asyncProperty(aDelivery, deliverAndCheck), {
      numRuns: DELIVERIES,
      endOnFailure: true, // the receiver keeps state between runs: a shrunk case would not replay alone
    });
    const elapsedMs = Date.now() - started;

    const counts = await t.queue.getJobCounts(
      'waiting',
      'active',
      'delayed',
      'prioritized',
      'completed',
      'failed',
    );
    const jobs = Object.values(counts).reduce((sum, n) => sum + n, 0);
    // every transfer record has its job: no claim left without one
    const claimed = await t.redis.keys(`${t.prefix}:transfer:*`);
    expect(jobs).toBe(queued.size);
    expect(claimed).toHaveLength(queued.size);
    expect(t.logs.filter((line) => line.level === 'error')).toEqual([]);
    console.log(
      `webhook fuzz: ${DELIVERIES} deliveries in ${elapsedMs} ms, ${queued.size} transfers queued\n` +
        Object.entries(answered)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([key, n]) => `  ${key}: ${n}`)
          .join('\n'),
    );
  }, 180_000);

  it('when the fuzzing is over, then the receiver still answers and still queues a new trigger', async () => {
    const live = await fetch(`http://127.0.0.1:${port}/health/live`);
    const signed = aSignedWebhook({ body: aWebhookBody() });
    const answer = await post(signed.headers, signed.payload, false);

    expect(live.status).toBe(200);
    expect([answer.status, answer.outcome]).toEqual([202, 'queued']);
  });
});
