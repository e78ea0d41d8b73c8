import type { BenchEnvironment } from './bench-environment';
import { timingsOf, type Pipeline, type TransferTimings } from './end-to-end-phase';
import { fireWebhooks } from './fire-webhooks';
import type { RunScope } from './run-scope';
import { createDeliverySigner } from './signed-delivery';
import { countFinished, waitForFinished } from './transfer-progress';

export interface NominalFigures extends TransferTimings {
  perMinute: number;
  seconds: number;
}

/** Deliveries in flight at most while paced: far more than a few per second ever need. */
const PACED_IN_FLIGHT = 20;

/**
 * Nominal load: deliveries paced at `perMinute` for `seconds`, into the same (warm, idle) receiver
 * and workers; the webhook-to-complete latency a trust would see on a normal day.
 */
export async function runNominalPhase(
  env: BenchEnvironment,
  pipeline: Pipeline,
  options: { applicantIds: readonly string[]; perMinute: number; seconds: number },
  scope: RunScope,
): Promise<NominalFigures> {
  const before = await countFinished(env.redis, pipeline.prefix);
  const alreadyFinished = before.completed + before.failed;
  const fired = await fireWebhooks({
    receiverUrl: pipeline.receiver.url,
    applicantIds: options.applicantIds,
    sign: createDeliverySigner(env.webhookSecret, `${pipeline.prefix}-nominal`),
    inFlight: PACED_IN_FLIGHT,
    perSecond: options.perMinute / 60,
    signal: scope.signal,
  });
  await waitForFinished(env.redis, pipeline.prefix, () => alreadyFinished + fired.sentAt.size, scope.signal);
  return {
    perMinute: options.perMinute,
    seconds: options.seconds,
    ...(await timingsOf(env, pipeline.prefix, fired)),
  };
}
