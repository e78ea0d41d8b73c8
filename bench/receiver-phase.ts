import autocannon from 'autocannon';
import type { BenchEnvironment, StartedReceiver } from './bench-environment';
import { round, startCpuMeter, type CpuReading } from './process-stats';
import { commandCalls, commandsBetween, deleteKeysUnder } from './redis-tools';
import type { RunScope } from './run-scope';
import { fireWebhooks } from './fire-webhooks';
import { combineRounds, type RoundFigures } from './cannon-rounds';
import { createDeliverySigner, type SignedDelivery } from './signed-delivery';
import { distributionOf, type Distribution } from './stats';

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
  /**
   * Redis commands per request (`INFO commandstats`: every client, commands inside scripts
   * included), in all and by command.
   */
  redisCommandsPerRequest: number;
  redisCommandsPerRequestByCommand: Record<string, number>;
}

/** Deliveries paced at a fixed rate (open loop): latency without the queueing a closed loop makes. */
export interface PacedFigures {
  perSecond: number;
  requests: number;
  latencyMs: Distribution;
  /** Answers other than `202`. */
  non2xx: number;
  cpu: CpuReading;
}

/** One HTTP app measured twice: as fast as it answers (closed loop), then paced (open loop). */
export interface TargetFigures {
  /** Every saturated round together (cannon-rounds.ts), with each round's own figures. */
  saturated: CannonFigures & { rounds?: RoundFigures[] };
  atFixedRate: PacedFigures;
}

export interface ReceiverFigures {
  connections: number;
  /** Seconds of each saturated run, and runs of each app (alternating). */
  seconds: number;
  rounds: number;
  /** Deliveries per second in the paced runs (evenly spaced, up to `connections` in flight). */
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
  const commandsBefore = await commandCalls(env.redis);
  const result = await fire(target.url, run);
  run.signal.throwIfAborted();
  const commands = commandsBetween(commandsBefore, await commandCalls(env.redis));
  const perRequest = (calls: number) => round(calls / Math.max(1, result.requests.total), 2);
  return {
    requestsPerSecond: round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    latencyMaxMs: result.latency.max,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    cpu: meter.read(result.requests.total),
    redisCommandsPerRequest: perRequest(commands.total),
    redisCommandsPerRequestByCommand: Object.fromEntries(
      Object.entries(commands.byCommand).map(([command, calls]) => [command, perRequest(calls)]),
    ),
  };
}

/**
 * Deliveries evenly spaced at `perSecond` for `seconds` (autocannon's own rate limit sends each
 * connection's share in bursts, which measures its bursts rather than the receiver).
 */
async function measurePaced(
  env: BenchEnvironment,
  target: StartedReceiver,
  run: CannonRun & { perSecond: number; sign: (applicantId: string) => SignedDelivery },
): Promise<PacedFigures> {
  const meter = startCpuMeter({ http: target.child.pid, redis: env.redisPid, bench: process.pid });
  const count = run.perSecond * run.seconds;
  const fired = await fireWebhooks({
    receiverUrl: target.url,
    applicantIds: Array.from({ length: count }, (_, i) => `RP-${i + 1}`),
    sign: run.sign,
    inFlight: run.connections,
    perSecond: run.perSecond,
    signal: run.signal,
  });
  return {
    perSecond: run.perSecond,
    requests: count,
    latencyMs: distributionOf(fired.latenciesMs),
    non2xx: count - (fired.answers['202'] ?? 0),
    cpu: meter.read(count),
  };
}

type Starter = (prefix: string) => Promise<StartedReceiver>;

/** One app on a prefix of its own, and its deliveries (a new applicant each). */
interface Target {
  prefix: string;
  started: StartedReceiver;
  sign: (applicantId: string) => SignedDelivery;
  run: CannonRun;
}

async function startTarget(
  env: BenchEnvironment,
  phase: string,
  start: Starter,
  shape: Omit<CannonRun, 'nextDelivery'>,
): Promise<Target> {
  const prefix = env.prefixFor(phase);
  const started = await start(prefix);
  const sign = createDeliverySigner(env.webhookSecret, prefix);
  let applicant = 0;
  return { prefix, started, sign, run: { ...shape, nextDelivery: () => sign(`RX-${(applicant += 1)}`) } };
}

/**
 * The receiver (src/server.ts, its own process) against a plain express route doing only
 * `Queue.add` (bench/baseline-receiver.ts, its own process), both under autocannon with signed
 * deliveries for distinct applicants, on Redis with a key prefix each (deleted afterwards).
 * Separate processes, as in production, so that autocannon does not share their event loop. The
 * saturated runs alternate between the two (`rounds` of each, in the order A B B A A B …), so that
 * what else the machine does falls on both alike; then each is paced once.
 */
export async function runReceiverPhase(
  env: BenchEnvironment,
  options: { connections: number; seconds: number; rounds: number; fixedRatePerSecond: number },
  scope: RunScope,
): Promise<ReceiverFigures> {
  const shape = { connections: options.connections, seconds: options.seconds, signal: scope.signal };
  const targets: Target[] = [];
  try {
    targets.push(await startTarget(env, 'rxbase', env.startBaselineReceiver, shape));
    targets.push(await startTarget(env, 'rx', env.startReceiver, shape));
    const [base, rx] = targets as [Target, Target];
    for (const target of targets) await fire(target.started.url, { ...target.run, seconds: WARM_UP_SECONDS }); // JIT, pools
    const rounds = new Map<Target, CannonFigures[]>(targets.map((target) => [target, []]));
    for (let round = 0; round < options.rounds; round += 1) {
      for (const target of round % 2 === 0 ? [base, rx] : [rx, base]) {
        rounds.get(target)?.push(await measureRun(env, target.started, target.run));
      }
    }
    const paced = async (target: Target) =>
      measurePaced(env, target.started, {
        ...target.run,
        perSecond: options.fixedRatePerSecond,
        sign: target.sign,
      });
    const baseline = { saturated: combineRounds(rounds.get(base) ?? []), atFixedRate: await paced(base) };
    const receiver = { saturated: combineRounds(rounds.get(rx) ?? []), atFixedRate: await paced(rx) };
    return {
      ...options,
      receiver,
      baseline,
      ratio: round(receiver.saturated.requestsPerSecond / baseline.saturated.requestsPerSecond, 3),
    };
  } finally {
    for (const target of targets) {
      await target.started.child.stop();
      await deleteKeysUnder(env.redis, target.prefix);
    }
  }
}
