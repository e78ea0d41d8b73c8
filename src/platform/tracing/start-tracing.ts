import type { Logger } from '../logger';
import type { ShutdownSequence } from '../shutdown';
import type { ContextPropagation, TracingSdk } from './tracing-sdk';

/** What a process that traces stops last, after Redis: the spans still buffered are sent. */
export interface Tracing {
  /** Where spans go (`OTEL_EXPORTER_OTLP_ENDPOINT`), for the start-up log line. */
  endpoint: string;
  shutdown(): Promise<void>;
}

let started = false;

/** True once `startTracing` started the SDK in this process; BullMQ's telemetry is added only then. */
export function isTracingOn(): boolean {
  return started;
}

/**
 * Starts the OpenTelemetry SDK, exporting over OTLP, when `endpoint` (`OTEL_EXPORTER_OTLP_ENDPOINT`)
 * is set; otherwise starts nothing and returns undefined: no SDK, no exporter, and the API's no-op
 * tracer for every span the code opens. The SDK reads its own variables (`OTEL_EXPORTER_OTLP_*`,
 * `OTEL_SERVICE_NAME`, `OTEL_TRACES_SAMPLER`…). Call it first, before any queue or worker exists.
 * `OTEL_SDK_DISABLED=true` keeps it off with the endpoint set. `propagation`: how a span's context
 * reaches later code (`ContextPropagation`).
 */
export function startTracing(
  serviceName: string,
  endpoint: string | undefined,
  env: NodeJS.ProcessEnv = process.env,
  propagation: ContextPropagation = 'across-awaits',
): Tracing | undefined {
  if (!endpoint || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === 'true') return undefined;
  // loaded only when tracing is on: the SDK alone costs a quarter of a second and ~25 MiB at start
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startTracingSdk } = require('./tracing-sdk') as { startTracingSdk: TracingSdk };
  const sdk = startTracingSdk(env.OTEL_SERVICE_NAME?.trim() || serviceName, env, propagation);
  started = true;
  return { endpoint, shutdown: () => sdk.shutdown() };
}

/**
 * Entry-point helper, called before any queue or worker exists (BullMQ's telemetry is added only
 * with tracing on): starts tracing when configured, logs whether it did (the endpoint's origin
 * only: never a credential in its URL), and stops it last, after Redis, sending what is buffered.
 */
export function startProcessTracing(
  serviceName: string,
  endpoint: string | undefined,
  logger: Logger,
  shutdown: Pick<ShutdownSequence, 'onStop'>,
  propagation: ContextPropagation = 'across-awaits',
): void {
  const tracing = startTracing(serviceName, endpoint, process.env, propagation);
  if (!tracing) {
    logger.info('tracing off (OTEL_EXPORTER_OTLP_ENDPOINT unset)');
    return;
  }
  shutdown.onStop({ name: 'tracing', run: () => tracing.shutdown() });
  logger.info('tracing on: spans exported over OTLP', { endpoint: new URL(tracing.endpoint).origin });
}
