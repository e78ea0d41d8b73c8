import { SpanKind, SpanStatusCode, type Attributes, type Span, type SpanOptions } from '@opentelemetry/api';
import { isAxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { RetryableError } from '../errors';
import { inLeafSpan, SPAN_ATTRIBUTES, type RunTrace } from '../tracing/spans';
import type { TokenCache } from './token-cache';

/**
 * Sends a request with the cached bearer token; on `401` fetches a new token once and repeats.
 * Never loops further: retries belong to the queue. Any status comes back as a response (the
 * caller classifies it); network errors and timeouts throw.
 */
export async function sendAuthorised<T = unknown>(
  http: AxiosInstance,
  tokens: TokenCache,
  request: AxiosRequestConfig,
): Promise<AxiosResponse<T>> {
  const send = async (): Promise<{ response: AxiosResponse<T>; token: string }> => {
    const token = await tokens.get();
    const response = await http.request<T>({
      ...request,
      headers: { ...request.headers, authorization: `Bearer ${token}` },
      validateStatus: () => true,
    });
    return { response, token };
  };
  const first = await send();
  if (first.response.status !== 401) return first.response;
  tokens.invalidate(first.token);
  return (await send()).response;
}

/** Seconds of a `Retry-After` header as milliseconds (HTTP-date accepted too); undefined when absent. */
export function retryAfterMs(headers: AxiosResponse['headers'], now = Date.now()): number | undefined {
  const value: unknown = headers['retry-after'];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** A short, data-free description of a transport failure (timeout, refused, reset…). */
export function describeTransportError(error: unknown): string {
  if (isAxiosError(error)) {
    if (error.code === 'ECONNABORTED' || error.code === 'ETIMEDOUT') return 'timed out';
    return error.code ?? error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Reports each API call's duration and status (`'error'` when no answer came), for metrics. */
export type ObserveRequest = (operation: string, status: number | 'error', seconds: number) => void;

/** What an answer means for the work that asked: nothing to retry, a retry, or a failure. */
export type RetryClass = 'none' | 'retryable' | 'permanent';

/** How one API call is named in metrics and in its span: never a real path, a query or a body. */
export interface RequestLabel {
  system: 'Trac' | 'ESR';
  /** The metrics' operation (`get-applicant`, `post-dbs`…). */
  operation: string;
  /** Method and path template, the span's name: `GET /api/v1/applicants/{applicantId}`. */
  route: string;
  /** The client's own classification of an answer, for the span (evaluated only when tracing). */
  retryClassOf: (response: AxiosResponse) => RetryClass;
  /** More span attributes: codes only (`record.type`). */
  attributes?: Attributes;
}

/** The kind of a transport failure for a span: an error code, never a message or an address. */
function errorTypeOf(error: unknown): string {
  if (isAxiosError(error))
    return error.response ? `token answered ${error.response.status}` : (error.code ?? 'unknown');
  return error instanceof Error ? error.name : 'unknown';
}

/**
 * `sendAuthorised`, timed and reported to `observe`, in a client span of its own (the token
 * request and a `401`'s one repeat included): method, path template, status and retry class. A
 * call that got no answer (timeout, refused, reset) or whose token request was refused becomes a
 * `RetryableError` naming the system: both may succeed later (credentials may be rotating). The
 * span is a child of `runTrace`, the trace of the run that asks (else of the context active now).
 */
export async function sendObserved(
  label: RequestLabel,
  send: () => Promise<AxiosResponse>,
  observe?: ObserveRequest,
  runTrace?: RunTrace,
): Promise<AxiosResponse> {
  const { system, operation } = label;
  return inLeafSpan(
    label.route,
    () => clientSpanOptions(label),
    async (span) => {
      const started = process.hrtime.bigint();
      const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
      try {
        const response = await send();
        observe?.(operation, response.status, seconds());
        if (span) annotateAnswer(span, response, label.retryClassOf(response));
        return response;
      } catch (error) {
        observe?.(operation, 'error', seconds());
        span?.setAttributes({ 'error.type': errorTypeOf(error), [SPAN_ATTRIBUTES.retryClass]: 'retryable' });
        if (isAxiosError(error) && error.response) {
          throw new RetryableError(
            `${system} token request for ${operation}: answered ${error.response.status}`,
          );
        }
        throw new RetryableError(`${system} ${operation}: ${describeTransportError(error)}`, undefined, {
          cause: error,
        });
      }
    },
    runTrace,
  );
}

/** The span's name is its method and path template already: attributes add only the system. */
function clientSpanOptions({ system, attributes }: RequestLabel): SpanOptions {
  return { kind: SpanKind.CLIENT, attributes: { 'peer.service': system, ...attributes } };
}

function annotateAnswer(span: Span, response: AxiosResponse, retryClass: RetryClass): void {
  span.setAttributes({
    'http.response.status_code': response.status,
    [SPAN_ATTRIBUTES.retryClass]: retryClass,
  });
  if (retryClass !== 'none') span.setStatus({ code: SpanStatusCode.ERROR });
}
