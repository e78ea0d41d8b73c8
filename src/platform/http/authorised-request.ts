import { isAxiosError, type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { RetryableError } from '../errors';
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

/**
 * `sendAuthorised`, timed and reported to `observe`. A call that got no answer (timeout, refused,
 * reset) or whose token request was refused becomes a `RetryableError` naming the system: both may
 * succeed later (credentials may be rotating).
 */
export async function sendObserved(
  system: 'Trac' | 'ESR',
  operation: string,
  send: () => Promise<AxiosResponse>,
  observe?: ObserveRequest,
): Promise<AxiosResponse> {
  const started = process.hrtime.bigint();
  const seconds = () => Number(process.hrtime.bigint() - started) / 1e9;
  try {
    const response = await send();
    observe?.(operation, response.status, seconds());
    return response;
  } catch (error) {
    observe?.(operation, 'error', seconds());
    if (isAxiosError(error) && error.response) {
      throw new RetryableError(`${system} token request for ${operation}: answered ${error.response.status}`);
    }
    throw new RetryableError(`${system} ${operation}: ${describeTransportError(error)}`, undefined, {
      cause: error,
    });
  }
}
