import { NodeSDK } from '@opentelemetry/sdk-node';
import { envDetector, hostDetector } from '@opentelemetry/resources';
import { samplerFromEnv } from './sampler';

export type TracingSdk = (serviceName: string, env: NodeJS.ProcessEnv) => { shutdown(): Promise<void> };

/**
 * The SDK as the connector runs it: traces only (no metrics or logs exporter: /metrics serves
 * Prometheus, and the logs go to stdout), the exporter the SDK chooses from its own variables
 * (OTLP, `OTEL_EXPORTER_OTLP_PROTOCOL`), no automatic instrumentation (an HTTP instrumentation would
 * put ESR's search URL, with its name and date of birth, into spans: the connector writes its own
 * request spans), and a resource without the process's command line.
 */
export const startTracingSdk: TracingSdk = (serviceName, env) => {
  const sdk = new NodeSDK({
    serviceName,
    sampler: samplerFromEnv(env),
    resourceDetectors: [envDetector, hostDetector],
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  });
  sdk.start();
  return { shutdown: () => sdk.shutdown() };
};
