import { NodeSDK } from '@opentelemetry/sdk-node';
import { envDetector, hostDetector } from '@opentelemetry/resources';
import { samplerFromEnv } from './sampler';
import { StackContextManager } from './stack-context-manager';

/**
 * How a span's context reaches the code that runs after it: `across-awaits` (the SDK's
 * `AsyncLocalStorage`, which follows every `await` at the cost of a hook on every promise) or
 * `explicit` (`StackContextManager`: active only while code runs synchronously; runs hand their
 * trace to what opens spans later, as the worker's processors do).
 */
export type ContextPropagation = 'across-awaits' | 'explicit';

export type TracingSdk = (
  serviceName: string,
  env: NodeJS.ProcessEnv,
  propagation: ContextPropagation,
) => { shutdown(): Promise<void> };

/**
 * The SDK as the connector runs it: traces only (no metrics or logs exporter: /metrics serves
 * Prometheus, and the logs go to stdout), the exporter the SDK chooses from its own variables
 * (OTLP, `OTEL_EXPORTER_OTLP_PROTOCOL`), no automatic instrumentation (an HTTP instrumentation would
 * put ESR's search URL, with its name and date of birth, into spans: the connector writes its own
 * request spans), a resource without the process's command line, and the context manager
 * `propagation` names.
 */
export const startTracingSdk: TracingSdk = (serviceName, env, propagation) => {
  const sdk = new NodeSDK({
    serviceName,
    sampler: samplerFromEnv(env),
    resourceDetectors: [envDetector, hostDetector],
    instrumentations: [],
    ...(propagation === 'explicit' ? { contextManager: new StackContextManager() } : {}),
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
};
