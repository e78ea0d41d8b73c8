import { isSpanContextValid, trace } from '@opentelemetry/api';
import winston from 'winston';
import { isSensitiveKey, redact, REDACTED } from './redaction';
import { logFieldsOf, type RunTrace } from './tracing/spans';

const WINSTON_KEYS = new Set(['level', 'message', 'timestamp']);

/** winston format that masks personal fields and secrets anywhere in the entry. */
export const redactFormat = winston.format((info) => {
  for (const key of Object.keys(info)) {
    if (WINSTON_KEYS.has(key)) continue;
    info[key] = isSensitiveKey(key) ? REDACTED : redact(info[key]);
  }
  return info;
});

/**
 * winston format that adds the active span's `trace_id` and `span_id` to a line written inside one
 * (formats run synchronously in the logging call). With tracing off there is never an active span.
 */
export const traceFormat = winston.format((info) => {
  const spanContext = trace.getActiveSpan()?.spanContext();
  if (spanContext && isSpanContextValid(spanContext)) {
    info.trace_id = spanContext.traceId;
    info.span_id = spanContext.spanId;
  }
  return info;
});

export type Logger = winston.Logger;

/**
 * The logger of a run whose span may no longer be active when it logs (after an `await`, with the
 * worker's `explicit` context propagation): each line carries the run's `trace_id` and `span_id`.
 * The logger itself with tracing off.
 */
export function loggerInTrace(logger: Logger, runTrace: RunTrace): Logger {
  return runTrace ? logger.child(logFieldsOf(runTrace)) : logger;
}

export interface LoggerOptions {
  level?: string;
  /** Where lines go; stdout by default. Tests pass a stream to capture them. */
  stream?: NodeJS.WritableStream;
  service?: string;
}

/** JSON lines on stdout, personal data redacted. Use `logger.child({ transferId })` per unit of work. */
export function createLogger(options: LoggerOptions = {}): Logger {
  const transport = options.stream
    ? new winston.transports.Stream({ stream: options.stream })
    : new winston.transports.Console();
  return winston.createLogger({
    level: options.level ?? 'info',
    defaultMeta: options.service ? { service: options.service } : undefined,
    format: winston.format.combine(
      redactFormat(),
      traceFormat(),
      winston.format.timestamp(),
      winston.format.errors({ stack: true }),
      winston.format.json(),
    ),
    transports: [transport],
  });
}
