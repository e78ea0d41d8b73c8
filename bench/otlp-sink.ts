import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface OtlpSink {
  /** For `OTEL_EXPORTER_OTLP_ENDPOINT`. */
  url: string;
  /** Export requests and body bytes received since the last `reset()`. */
  counts(): { requests: number; bytes: number };
  reset(): void;
  close(): Promise<void>;
}

/**
 * A local OTLP/HTTP receiver for the tracing phase: it reads each export (any protocol), answers
 * `200` as a collector does, counts requests and bytes, and keeps nothing. It stands in for a
 * collector or Jaeger on the same machine; its own CPU is the benchmark process's.
 */
export async function startOtlpSink(): Promise<OtlpSink> {
  let requests = 0;
  let bytes = 0;
  const server = createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': req.headers['content-type'] ?? 'application/json' }).end();
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    counts: () => ({ requests, bytes }),
    reset() {
      requests = 0;
      bytes = 0;
    },
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
