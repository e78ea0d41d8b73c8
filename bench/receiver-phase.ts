import autocannon from 'autocannon';
import type { BenchEnvironment, StartedReceiver } from './bench-environment';
import { round, startCpuMeter, type CpuReading } from './process-stats';
import { deleteKeysUnder } from './redis-tools';
import type { RunScope } from './run-scope';
import { createDeliverySigner, type SignedDelivery } from './signed-delivery';

export interface CannonFigures {
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMaxMs: number;
  requests: number;
  /** Answers other than 2xx, and connection errors or timeouts: any is a defect of the run. */
  non2xx: number;
  errors: number;
  /** CPU per process during the run; per unit = per request. */
  cpu: CpuReading;
}

/** One HTTP app measured twice: as fast as it answers (closed loop), then offered a fixed rate. */
export interface TargetFigures {
  saturated: CannonFigures;
  atFixedRate: CannonFigures;
}

export interface ReceiverFigures {
  connections: number;
  seconds: number;
  /** Requests per second offered in the fixed-rate runs (same connections). */
  fixedRatePerSecond: number;
  receiver: TargetFigures;
  baseline: TargetFigures;
  /** Receiver webhooks/s over baseline webhooks/s, both saturated. */
  ratio: number;
}

const WARM_UP_SECONDS = 2;

interface CannonRun {
  connections: number;
  seconds: number;
  /** Offered requests per second over all connections; absent: as fast as answered. */
  overallRate?: number;
  /** A signed delivery for a new applicant per request: each request queues a real transfer. */
  nextDelivery: () => SignedDelivery;
  signal: AbortSignal;
}

function fire(url: string, run: CannonRun): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: run.connections,
        duration: run.seconds,
        ...(run.overallRate ? { overallRate: run.overallRate } : {}),
        requests: [
          {
            method: 'POST',
            path: '/webhooks/trac',
            setupRequest: (request) => ({ ...request, ...run.nextDelivery() }),
          },
        ],
      },
      (error, result) => (error ? reject(error as Error) : resolve(result)),
    );
    run.signal.addEventListener('abort', () => instance.stop(), { once: true });
  });
}

async function measureRun(
  env: BenchEnvironment,
  target: StartedReceiver,
  run: CannonRun,
): Promise<CannonFigures> {
  const meter = startCpuMeter({ http: target.child.pid, redis: env.redisPid, autocannon: process.pid });
  const result = await fire(target.url, run);
  run.signal.throwIfAborted();
  return {
    requestsPerSecond: round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    cpu: meter.read(result.requests.total),
  };
}

type Starter = (prefix: string) => Promise<StartedReceiver>;
type RunShape = Omit<CannonRun, 'nextDelivery' | 'overallRate'> & { fixedRate: number };

/** Starts the app on a prefix of its own, warms it up, measures it both ways, stops it, deletes its keys. */
async function measureTarget(
  env: BenchEnvironment,
  phase: string,
  start: Starter,
  shape: RunShape,
): Promise<TargetFigures> {
  const prefix = env.prefixFor(phase);
  const target = await start(prefix);
  const sign = createDeliverySigner(env.webhookSecret, prefix);
  let applicant = 0;
  const run: CannonRun = { ...shape, nextDelivery: () => sign(`RX-${(applicant += 1)}`) };
  try {
    await fire(target.url, { ...run, seconds: WARM_UP_SECONDS }); // JIT, connection pools
    const saturated = await measureRun(env, target, run);
    const atFixedRate = await measureRun(env, target, { ...run, overallRate: shape.fixedRate });
    return { saturated, atFixedRate };
  } finally {
    await target.child.stop();
    await deleteKeysUnder(env.redis, prefix);
  }
}

/**
 * The receiver (src/server.ts, its own process) against a plain express route doing only
 * `Queue.add` (bench/baseline-receiver.ts, its own process), both under autocannon with signed
 * deliveries for distinct applicants, on Redis with a key prefix per run (deleted afterwards).
 * Separate processes, as in production, so that autocannon does not share their event loop.
 */
export async function runReceiverPhase(
  env: BenchEnvironment,
  options: { connections: number; seconds: number; fixedRatePerSecond: number },
  scope: RunScope,
): Promise<ReceiverFigures> {
  const shape = { ...options, fixedRate: options.fixedRatePerSecond, signal: scope.signal };
  const baseline = await measureTarget(env, 'rxbase', env.startBaselineReceiver, shape);
  const receiver = await measureTarget(env, 'rx', env.startReceiver, shape);
  return {
    ...options,
    receiver,
    baseline,
    ratio: round(receiver.saturated.requestsPerSecond / baseline.saturated.requestsPerSecond, 3),
  };
}
