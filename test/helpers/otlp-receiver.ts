import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An attribute value as OTLP/JSON carries it, flattened: strings, numbers, booleans, lists. */
export type SpanValue = string | number | boolean | SpanValue[] | undefined;

/** One span as an OTLP/HTTP JSON exporter sent it, with its resource's service name. */
export interface CollectedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId: string | undefined;
  name: string;
  /** OTLP's numbers: 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  attributes: Record<string, SpanValue>;
  links: { traceId: string; spanId: string }[];
  events: { name: string; attributes: Record<string, SpanValue> }[];
  /** Everything the span was sent with, as text: for scans of what must never be there. */
  raw: string;
}

interface AnyValue {
  stringValue?: string;
  intValue?: string | number;
  doubleValue?: number;
  boolValue?: boolean;
  arrayValue?: { values?: AnyValue[] };
}
interface KeyValue {
  key: string;
  value: AnyValue;
}
interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  attributes?: KeyValue[];
  links?: { traceId: string; spanId: string }[];
  events?: { name: string; attributes?: KeyValue[] }[];
}
interface OtlpBody {
  resourceSpans?: {
    resource?: { attributes?: KeyValue[] };
    scopeSpans?: { spans?: OtlpSpan[] }[];
  }[];
}

function valueOf(value: AnyValue): SpanValue {
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.boolValue !== undefined) return value.boolValue;
  return value.arrayValue?.values?.map(valueOf);
}

const attributesOf = (pairs: KeyValue[] = []): Record<string, SpanValue> =>
  Object.fromEntries(pairs.map((pair) => [pair.key, valueOf(pair.value)]));

function spansOf(body: OtlpBody): CollectedSpan[] {
  return (body.resourceSpans ?? []).flatMap((resourceSpans) => {
    const service = String(attributesOf(resourceSpans.resource?.attributes)['service.name']);
    const resource = JSON.stringify(resourceSpans.resource ?? {});
    return (resourceSpans.scopeSpans ?? []).flatMap((scope) =>
      (scope.spans ?? []).map((span) => ({
        service,
        traceId: span.traceId,
        spanId: span.spanId,
        parentSpanId: span.parentSpanId || undefined,
        name: span.name,
        kind: span.kind,
        attributes: attributesOf(span.attributes),
        links: (span.links ?? []).map(({ traceId, spanId }) => ({ traceId, spanId })),
        events: (span.events ?? []).map((event) => ({
          name: event.name,
          attributes: attributesOf(event.attributes),
        })),
        raw: `${resource} ${JSON.stringify(span)}`,
      })),
    );
  });
}

export interface OtlpReceiver {
  /** For `OTEL_EXPORTER_OTLP_ENDPOINT`: the exporter posts to `${url}/v1/traces`. */
  url: string;
  spans: CollectedSpan[];
  /** Every request that reached the receiver, whatever its path. */
  requests: number;
  /** Resolves with the spans once `check` holds for them (polled). */
  waitFor(check: (spans: CollectedSpan[]) => boolean, timeoutMs?: number): Promise<CollectedSpan[]>;
  close(): Promise<void>;
}

/**
 * An in-process OTLP/HTTP receiver for JSON (`OTEL_EXPORTER_OTLP_PROTOCOL=http/json`): it answers
 * `POST /v1/traces` with `200 {}` and keeps every span, on a free loopback port.
 */
export async function startOtlpReceiver(): Promise<OtlpReceiver> {
  const receiver: Omit<OtlpReceiver, 'url'> & { url: string } = {
    url: '',
    spans: [],
    requests: 0,
    async waitFor(check, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (!check(receiver.spans)) {
        if (Date.now() > deadline) {
          const names = receiver.spans.map((span) => `${span.service}: ${span.name}`);
          throw new Error(`spans not received within ${timeoutMs} ms; received:\n${names.join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return receiver.spans;
    },
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
  const server: Server = createServer((req, res) => {
    receiver.requests += 1;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/v1/traces') {
        receiver.spans.push(...spansOf(JSON.parse(Buffer.concat(chunks).toString()) as OtlpBody));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  server.unref();
  return receiver;
}
