import { SANDBOX_CREDENTIALS } from '../../config';
import { createTransferStore } from '../../src/store/transfer-store';
import { transferIdOf } from '../../src/transfer/transfer-ids';
import type { TransferRecord } from '../../src/transfer/transfer';
import { eventually } from '../helpers/admin';
import { startOtlpReceiver, type CollectedSpan, type OtlpReceiver } from '../helpers/otlp-receiver';
import { listeningPortOf, startTsProcess, type ManagedProcess } from '../helpers/processes';
import { startRecordingProxy, type RecordingProxy } from '../helpers/recording-proxy';
import { aFreshPrefix, aRedisClient, testRedisUrl } from '../helpers/redis';
import { setSandboxFaults, withSandboxes } from '../helpers/sandbox';
import { seededPersonalValues } from '../helpers/seeded-personal-values';
import { aSignedWebhook, aWebhookBody, TEST_WEBHOOK_SECRET } from '../helpers/webhooks';

/** Draws of the sandboxes' fault dice: a test pushes 0 to make the next drawn fault happen. */
const draws: number[] = [];
const sandboxes = withSandboxes({ random: () => draws.shift() ?? 0.99 });
const ADMIN = { user: 'hr-admin', password: 'hr-admin-password-1' };
const redis = aRedisClient();
afterAll(() => redis.quit());
const SERVER = 2;
const CONSUMER = 5;

interface Connector {
  prefix: string;
  receiverUrl: string;
  processes: ManagedProcess[];
  trac: RecordingProxy;
  esr: RecordingProxy;
}

/** The real receiver and worker processes, Trac and ESR behind recording proxies. */
async function startConnector(tracing: NodeJS.ProcessEnv): Promise<Connector> {
  const prefix = aFreshPrefix('traces');
  const trac = await startRecordingProxy(sandboxes.tracUrl);
  const esr = await startRecordingProxy(sandboxes.esrUrl);
  const env = {
    NODE_ENV: 'test',
    PORT: '0',
    REDIS_URL: testRedisUrl(),
    QUEUE_PREFIX: prefix,
    WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
    ADMIN_USERS: `${ADMIN.user}:${ADMIN.password}`,
    SUPPORT_USERS: 'support:support-password-2',
    TRAC_BASE_URL: trac.url,
    ESR_BASE_URL: esr.url,
    RECONCILE_INTERVAL_SECONDS: '0',
    ...tracing,
  };
  const receiver = startTsProcess('src/server.ts', env);
  const worker = startTsProcess('workers/transfer-worker.ts', env);
  const port = await listeningPortOf(receiver);
  await worker.waitFor('transfer worker started', 30_000);
  return { prefix, receiverUrl: `http://127.0.0.1:${port}`, processes: [receiver, worker], trac, esr };
}

async function stopConnector(connector: Connector | undefined): Promise<void> {
  if (!connector) return;
  // SIGTERM: each process sends the spans it still holds as it stops
  await Promise.all(connector.processes.map((process) => process.kill('SIGTERM')));
  await Promise.all([connector.trac.close(), connector.esr.close()]);
}

async function deliver(connector: Connector, organisationCode: string, applicantId: string): Promise<void> {
  const webhook = aSignedWebhook({ body: aWebhookBody({ data: { organisationCode, applicantId } }) });
  const answer = await fetch(`${connector.receiverUrl}/webhooks/trac`, {
    method: 'POST',
    headers: webhook.headers,
    body: webhook.payload,
  });
  expect(answer.status).toBe(202);
}

async function finishedTransfer(connector: Connector, transferId: string): Promise<TransferRecord> {
  const store = createTransferStore(redis, connector.prefix);
  let transfer: TransferRecord | undefined;
  await eventually(async () => {
    transfer = await store.get(transferId);
    return transfer?.state === 'completed' || transfer?.state === 'failed';
  }, 30_000);
  return transfer!;
}

const inTrace = (spans: CollectedSpan[], traceId: string) => spans.filter((s) => s.traceId === traceId);
const named = (spans: CollectedSpan[], name: string) => spans.filter((s) => s.name === name);

/** The receiver's span of the delivery that started this transfer. */
function deliverySpanOf(spans: CollectedSpan[], transferId: string): CollectedSpan | undefined {
  return spans.find((s) => s.kind === SERVER && s.attributes['transfer.id'] === transferId);
}

function runsOf(spans: CollectedSpan[], transferId: string): CollectedSpan[] {
  return named(spans, 'process transfers')
    .filter((s) => s.attributes['transfer.id'] === transferId)
    .sort((a, b) => Number(a.attributes['transfer.attempt']) - Number(b.attributes['transfer.attempt']));
}

/** The span's parents, nearest first, as far as they were received. */
function ancestorsOf(spans: CollectedSpan[], span: CollectedSpan): CollectedSpan[] {
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const ancestors: CollectedSpan[] = [];
  for (let parent = byId.get(span.parentSpanId ?? ''); parent; parent = byId.get(parent.parentSpanId ?? '')) {
    ancestors.push(parent);
  }
  return ancestors;
}

/** JSON log lines of the processes (timestamps left out: they are the time of day, not data). */
function logLinesOf(connector: Connector): string[] {
  return connector.processes
    .flatMap((process) => process.output)
    .map((line) => line.replace(/"timestamp":"[^"]*",?/, ''));
}

/** Nothing personal or secret in any span (name, attributes, links, events, resource) or log line. */
function expectNothingPersonalOrSecret(
  spans: CollectedSpan[],
  connector: Connector,
  personal: string[],
): void {
  const secrets = [
    TEST_WEBHOOK_SECRET,
    TEST_WEBHOOK_SECRET.slice('whsec_'.length),
    SANDBOX_CREDENTIALS.trac.clientSecret,
    SANDBOX_CREDENTIALS.esr.clientSecret,
    ADMIN.password,
    ...connector.trac.tokens,
    ...connector.esr.tokens,
  ];
  expect(connector.trac.tokens.size).toBeGreaterThan(0);
  expect(connector.esr.tokens.size).toBeGreaterThan(0);
  expect(personal.length).toBeGreaterThan(10);
  const texts = [...spans.map((span) => span.raw), ...logLinesOf(connector)];
  for (const value of [...personal, ...secrets]) {
    const found = texts.filter((text) => text.includes(value));
    expect({ value, found }).toEqual({ value, found: [] });
  }
  expect(texts.filter((text) => /bearer|authorization|dateOfBirth|lastName/i.test(text))).toEqual([]);
}

describe('traces with OTEL_EXPORTER_OTLP_ENDPOINT set', () => {
  let otlp: OtlpReceiver;
  let connector: Connector | undefined;

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    connector = await startConnector({
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  }, 60_000);
  afterAll(async () => {
    await stopConnector(connector);
    await otlp.close();
  });
  afterEach(() => setSandboxFaults(sandboxes.esrUrl, {}));

  it('when a webhook is delivered, then one trace runs from the receiver span to the last ESR request, with ids, record types and outcomes, and its log lines carry the trace id', async () => {
    const c = connector!;
    const transferId = transferIdOf('R0A', 'A-100234');
    await deliver(c, 'R0A', 'A-100234');
    expect(await finishedTransfer(c, transferId)).toMatchObject({ state: 'completed', reason: null });

    const spans = await otlp.waitFor(
      (all) => runsOf(all, transferId).length === 1 && !!deliverySpanOf(all, transferId),
    );
    const delivery = deliverySpanOf(spans, transferId)!;
    const trace = inTrace(spans, delivery.traceId);
    const [run] = runsOf(spans, transferId);
    const esrPosts = named(trace, 'POST /dit/v1/applicants/{esrApplicantId}/employment-checks/{recordType}');

    expect(delivery).toMatchObject({
      service: 'dit-checks-receiver',
      name: 'POST /webhooks/trac',
      parentSpanId: undefined,
      attributes: {
        'http.route': '/webhooks/trac',
        'http.response.status_code': 202,
        'organisation.code': 'R0A',
        'webhook.outcome': 'queued',
      },
    });
    expect(run).toMatchObject({
      traceId: delivery.traceId,
      service: 'dit-checks-worker',
      kind: CONSUMER,
      attributes: {
        'transfer.id': transferId,
        'organisation.code': 'R0A',
        'transfer.trigger': 'webhook',
        'transfer.attempt': 1,
        'transfer.outcome': 'completed',
        'record.dbs.outcome': 'SENT',
        'record.eu-status.outcome': 'SENT',
      },
    });
    expect(ancestorsOf(spans, run!)).toContainEqual(delivery);
    expect(named(trace, 'GET /api/v1/applicants/{applicantId}/checks/{checkType}')).toHaveLength(6);
    expect(named(trace, 'GET /dit/v1/applicants')).toHaveLength(1);
    expect(esrPosts.map((s) => s.attributes['record.type']).sort()).toEqual([
      'dbs',
      'employment-checklist',
      'eu-status',
      'illegal-working-checklist',
      'professional-registration',
      'references',
    ]);
    expect(esrPosts.every((s) => s.attributes['http.response.status_code'] === 201)).toBe(true);
    expect(esrPosts.every((s) => s.attributes['request.retry_class'] === 'none')).toBe(true);

    const completed = c.processes[1]!.output.find((line) => line.includes('"transfer completed"'));
    const answered = c.processes[0]!.output.find((line) => line.includes('"webhook answered"'));
    expect(JSON.parse(completed!)).toMatchObject({ trace_id: delivery.traceId, span_id: run!.spanId });
    expect(JSON.parse(answered!)).toMatchObject({ trace_id: delivery.traceId, span_id: delivery.spanId });
    // BullMQ's polling and completion are never recorded; the search carried what the scan looks for
    expect(spans.filter((s) => /^(getNextJob|moveStalledJobsToWait|complete) /.test(s.name))).toEqual([]);
    expect(c.esr.paths.some((path) => path.includes('dateOfBirth=1994-03-17'))).toBe(true);
    expectNothingPersonalOrSecret(spans, c, await seededPersonalValues(sandboxes.tracUrl, 'A-100234'));
  }, 60_000);

  it('when ESR fails a transfer once, then the later attempt runs in the trace of the delivery, beside the first under the job it queued', async () => {
    const c = connector!;
    const transferId = transferIdOf('7A1', 'A-100235');
    // the next ESR request (the search of attempt 1) is answered 500 or 503; nothing after it
    await setSandboxFaults(sandboxes.esrUrl, { errorRate: 0.5 });
    draws.push(0);
    await deliver(c, '7A1', 'A-100235');
    expect(await finishedTransfer(c, transferId)).toMatchObject({ state: 'completed', attempts: 2 });

    const spans = await otlp.waitFor((all) => runsOf(all, transferId).length === 2);
    const delivery = deliverySpanOf(spans, transferId)!;
    const [first, second] = runsOf(spans, transferId);
    const failedSearch = named(inTrace(spans, delivery.traceId), 'GET /dit/v1/applicants').find(
      (s) => s.attributes['request.retry_class'] === 'retryable',
    );

    expect(first).toMatchObject({ traceId: delivery.traceId, attributes: { 'transfer.outcome': 'retry' } });
    expect(second).toMatchObject({
      traceId: delivery.traceId,
      attributes: { 'transfer.attempt': 2, 'transfer.outcome': 'completed' },
    });
    // both runs descend from the job the delivery queued: the retry is in the delivery's trace
    const queued = named(ancestorsOf(spans, first!), 'add transfers.transfer');
    expect(queued).toHaveLength(1);
    expect(ancestorsOf(spans, second!)).toEqual(expect.arrayContaining([...queued, delivery]));
    expect(failedSearch?.attributes['http.response.status_code']).toEqual(expect.any(Number));
    expect(ancestorsOf(spans, failedSearch!)).toContainEqual(first);
    expectNothingPersonalOrSecret(spans, c, await seededPersonalValues(sandboxes.tracUrl, 'A-100235'));
  }, 60_000);

  it('when HR re-queues a failed transfer, then its new run links to the trace of the first delivery', async () => {
    const c = connector!;
    const transferId = transferIdOf('R0A', 'A-100300'); // no ESR match: fails NO_ESR_MATCH
    await deliver(c, 'R0A', 'A-100300');
    expect(await finishedTransfer(c, transferId)).toMatchObject({ state: 'failed', reason: 'NO_ESR_MATCH' });
    const delivery = deliverySpanOf(
      await otlp.waitFor((all) => runsOf(all, transferId).length === 1),
      transferId,
    )!;

    const answer = await fetch(`${c.receiverUrl}/admin/transfers/${transferId}/retry`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`,
      },
    });
    expect(answer.status).toBeLessThan(300);
    const spans = await otlp.waitFor((all) => runsOf(all, transferId).length === 2);
    const [first, requeued] = runsOf(spans, transferId);

    expect(first).toMatchObject({
      attributes: { 'transfer.outcome': 'failed', 'transfer.reason': 'NO_ESR_MATCH' },
    });
    expect(requeued).toMatchObject({ attributes: { 'transfer.trigger': 'requeue' } });
    expect(requeued!.traceId).not.toBe(delivery.traceId);
    expect(requeued!.links.map((link) => link.traceId)).toEqual([delivery.traceId]);
    expectNothingPersonalOrSecret(spans, c, await seededPersonalValues(sandboxes.tracUrl, 'A-100300'));
  }, 60_000);
  it('when HR runs a sweep and a match preview, then each is a trace of its own holding its Trac and ESR requests, and its log lines carry its trace id', async () => {
    const c = connector!;
    const post = (path: string, body?: unknown) =>
      fetch(`${c.receiverUrl}${path}`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await post('/admin/reconciliation')).status).toBe(202);
    expect((await post('/admin/match-previews', { organisationCode: 'R0A' })).status).toBe(202);

    const spans = await otlp.waitFor(
      (all) => named(all, 'reconciliation sweep').length === 1 && named(all, 'match preview').length === 1,
    );
    const childrenOf = (parent: CollectedSpan) => spans.filter((s) => s.parentSpanId === parent.spanId);
    const [sweep] = named(spans, 'reconciliation sweep');
    const [preview] = named(spans, 'match preview');

    expect(sweep).toMatchObject({ parentSpanId: undefined, attributes: { 'job.outcome': 'completed' } });
    expect(named(childrenOf(sweep!), 'GET /api/v1/applicants').length).toBeGreaterThan(0);
    expect(preview).toMatchObject({ parentSpanId: undefined, attributes: { 'job.outcome': 'completed' } });
    expect(named(childrenOf(preview!), 'GET /api/v1/applicants').length).toBeGreaterThan(0);
    expect(named(childrenOf(preview!), 'GET /dit/v1/applicants').length).toBeGreaterThan(0);
    expect(sweep!.traceId).not.toBe(preview!.traceId);

    const lineOf = (message: string) => c.processes[1]!.output.find((line) => line.includes(`"${message}"`));
    expect(JSON.parse(lineOf('reconciliation sweep completed')!)).toMatchObject({
      trace_id: sweep!.traceId,
      span_id: sweep!.spanId,
    });
    expect(JSON.parse(lineOf('match preview completed')!)).toMatchObject({
      trace_id: preview!.traceId,
      span_id: preview!.spanId,
    });
  }, 60_000);
});

describe('traces with OTEL_EXPORTER_OTLP_ENDPOINT unset', () => {
  let otlp: OtlpReceiver;
  let connector: Connector | undefined;

  beforeAll(async () => {
    otlp = await startOtlpReceiver();
    // everything else a started SDK would send to this receiver with: only the switch is missing
    connector = await startConnector({
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${otlp.url}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
    });
  }, 60_000);
  afterAll(async () => {
    await stopConnector(connector);
    await otlp.close();
  });

  it('when a transfer runs, then no exporter starts, nothing is sent, and no log line carries a trace id', async () => {
    const c = connector!;
    const transferId = transferIdOf('R0A', 'A-100304');
    await deliver(c, 'R0A', 'A-100304');
    expect(await finishedTransfer(c, transferId)).toMatchObject({ state: 'completed' });
    await stopConnector(c);
    connector = undefined;

    expect(otlp.requests).toBe(0);
    for (const process of c.processes) {
      expect(process.output.some((line) => line.includes('tracing off'))).toBe(true);
    }
    expect(logLinesOf(c).filter((line) => line.includes('trace_id'))).toEqual([]);
  }, 60_000);
});
