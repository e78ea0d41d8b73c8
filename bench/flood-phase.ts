import { randomBytes } from 'node:crypto';
import { MAX_WEBHOOK_BODY_BYTES } from '../src/webhook/webhook-router';
import type { BenchEnvironment } from './bench-environment';
import { fireWebhooks, type FiredWebhooks } from './fire-webhooks';
import { round, startCpuMeter, type CpuReading } from './process-stats';
import { deleteKeysUnder } from './redis-tools';
import type { RunScope } from './run-scope';
import { createDeliverySigner, type SignedDelivery } from './signed-delivery';
import { distributionOf, type Distribution } from './stats';

/** Valid webhooks during a flood of unauthenticated posts with bad signatures. */
export interface FloodFigures {
  seconds: number;
  /** Bad-signature posts per second offered, and answered per second. */
  floodPerSecondOffered: number;
  floodPerSecondAchieved: number;
  /** Answers to the flood by HTTP status (`error` for a connection failure); all `401` expected. */
  floodAnswers: Record<string, number>;
  floodBodyBytes: number;
  /** Receiver CPU per bad-signature post, flood alone (no valid webhooks in that window). */
  cpuMsPerBadRequest: number;
  validPerSecond: number;
  /** Valid webhooks' latency with no flood, then under the flood. */
  validAloneMs: Distribution;
  validUnderFloodMs: Distribution;
  /** The headline: valid webhooks' p99 under the flood, milliseconds. */
  validP99Ms: number;
  /** Valid webhooks answered other than `202` under the flood, and their answers by status. */
  validNon202: number;
  validAnswers: Record<string, number>;
  /** Receiver, Redis and benchmark CPU while both ran; per unit = per request of either kind. */
  cpu: CpuReading;
}

export interface FloodOptions {
  /** Bad-signature posts per second. */
  floodPerSecond: number;
  /** Valid webhooks per second, as at nominal load. */
  validPerSecond: number;
  /** Length of each of the three windows (flood alone, valid alone, both). */
  seconds: number;
}

/** Bad-signature posts in flight at most: enough to keep the offered rate unless the receiver falls behind. */
const FLOOD_IN_FLIGHT = 64;
const VALID_IN_FLIGHT = 20;
/**
 * Flooding before measuring: JIT, and V8's collector settling into its steady rhythm (the bodies'
 * external memory brings on full collections only after several seconds of flood).
 */
const WARM_UP_SECONDS = 10;

/**
 * A body of exactly the largest accepted size under well-formed Standard Webhooks headers (fresh id,
 * current timestamp, one `v1,` entry of the right length) whose signature is wrong: what an
 * unauthenticated client can make the receiver read and verify, as cheaply as it can send it.
 */
function createBadSignatureSender(): (tag: string) => SignedDelivery {
  const prefix = '{"type":"applicant.status_changed","padding":"';
  const suffix = '"}';
  const body = `${prefix}${'x'.repeat(MAX_WEBHOOK_BODY_BYTES - prefix.length - suffix.length)}${suffix}`;
  let sequence = 0;
  return () => {
    sequence += 1;
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': `msg_flood_${sequence}`,
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': `v1,${randomBytes(32).toString('base64')}`,
      },
    };
  };
}

function ids(tag: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${tag}-${i + 1}`);
}

/**
 * The receiver (its own process) under a flood of 256 KiB posts with bad signatures: first the flood
 * alone (CPU per rejected post), then valid webhooks alone, then both at once (the valid webhooks'
 * latency under the flood). Every loop is bounded by count and by the run's signal.
 */
export async function runFloodPhase(
  env: BenchEnvironment,
  options: FloodOptions,
  scope: RunScope,
): Promise<FloodFigures> {
  const prefix = env.prefixFor('flood');
  const target = await env.startReceiver(prefix);
  const sign = createDeliverySigner(env.webhookSecret, prefix);
  const badSignature = createBadSignatureSender();
  const flood = (tag: string, seconds: number): Promise<FiredWebhooks> =>
    fireWebhooks({
      receiverUrl: target.url,
      applicantIds: ids(tag, Math.round(options.floodPerSecond * seconds)),
      sign: badSignature,
      inFlight: FLOOD_IN_FLIGHT,
      perSecond: options.floodPerSecond,
      signal: scope.signal,
    });
  const valid = (tag: string): Promise<FiredWebhooks> =>
    fireWebhooks({
      receiverUrl: target.url,
      applicantIds: ids(tag, Math.max(1, Math.round(options.validPerSecond * options.seconds))),
      sign,
      inFlight: VALID_IN_FLIGHT,
      perSecond: options.validPerSecond,
      signal: scope.signal,
    });
  try {
    await flood('warm', WARM_UP_SECONDS);
    const floodMeter = startCpuMeter({ http: target.child.pid });
    const floodAlone = await flood('alone', options.seconds);
    const cpuMsPerBadRequest = floodMeter.read(floodAlone.latenciesMs.length).msPerUnit.http ?? 0;
    const validAlone = await valid('FV-alone');
    const meter = startCpuMeter({ http: target.child.pid, redis: env.redisPid, bench: process.pid });
    const [underFlood, floodBoth] = await Promise.all([valid('FV-flood'), flood('both', options.seconds)]);
    const validUnderFloodMs = distributionOf(underFlood.latenciesMs);
    return {
      seconds: options.seconds,
      floodPerSecondOffered: options.floodPerSecond,
      floodPerSecondAchieved: round(floodBoth.latenciesMs.length / (floodBoth.elapsedMs / 1000)),
      floodAnswers: floodBoth.answers,
      floodBodyBytes: MAX_WEBHOOK_BODY_BYTES,
      cpuMsPerBadRequest,
      validPerSecond: options.validPerSecond,
      validAloneMs: distributionOf(validAlone.latenciesMs),
      validUnderFloodMs,
      validP99Ms: validUnderFloodMs.p99,
      validNon202: underFlood.latenciesMs.length - (underFlood.answers['202'] ?? 0),
      validAnswers: underFlood.answers,
      cpu: meter.read(underFlood.latenciesMs.length + floodBoth.latenciesMs.length),
    };
  } finally {
    await target.child.stop();
    await deleteKeysUnder(env.redis, prefix);
  }
}
