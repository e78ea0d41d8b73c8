import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { PermanentError, RetryableError } from '../platform/errors';
import {
  retryAfterMs,
  sendAuthorised,
  sendObserved,
  type ObserveRequest,
} from '../platform/http/authorised-request';
import { createTokenCache } from '../platform/http/token-cache';
import type { TracCheckType } from '../records/record-types';
import { TracApplicantSchema, TracCheckSchema, type TracApplicant, type TracCheck } from './trac-schemas';

export interface TracClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Timeout of every request, milliseconds. */
  timeoutMs: number;
  /** Called with each API call's duration and status (metrics). */
  observe?: ObserveRequest;
}

export interface TracClient {
  /** The applicant, or undefined when Trac holds none (`404`). */
  getApplicant(applicantId: string): Promise<TracApplicant | undefined>;
  /** The check, or undefined when it was never opened (`404`). */
  getCheck(applicantId: string, checkType: TracCheckType): Promise<TracCheck | undefined>;
}

/** Trac answers that may succeed later: timeouts, rate limits, outages. */
const RETRYABLE_STATUSES = new Set([401, 408, 429, 500, 502, 503, 504]);

function classify(operation: string, response: AxiosResponse): Error {
  const { status } = response;
  if (status === 401)
    return new RetryableError(`Trac ${operation}: authentication failed twice (401 after a token refresh)`);
  if (RETRYABLE_STATUSES.has(status) || status >= 500) {
    return new RetryableError(`Trac ${operation}: answered ${status}`, retryAfterMs(response.headers));
  }
  return new PermanentError('TRAC_REJECTED', `Trac rejected ${operation} with ${status}.`);
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? [what, ...issue.path].join('.') : what;
  throw new PermanentError('INVALID_TRAC_DATA', `${field}: ${issue?.message ?? 'unexpected shape'}`);
}

/** The one module that talks to Trac: token cache, timeouts, zod-parsed answers, classified errors. */
export function createTracClient(options: TracClientOptions): TracClient {
  const http: AxiosInstance = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs });
  const tokens = createTokenCache({
    http,
    tokenPath: '/oauth/token',
    form: {
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: 'applicants.read',
    },
  });

  async function get(operation: string, url: string): Promise<unknown> {
    const response = await sendObserved(
      'Trac',
      operation,
      () => sendAuthorised(http, tokens, { method: 'GET', url }),
      options.observe,
    );
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw classify(operation, response);
    return response.data;
  }

  return {
    async getApplicant(applicantId) {
      const data = await get('get-applicant', `/api/v1/applicants/${encodeURIComponent(applicantId)}`);
      return data === undefined ? undefined : parse(TracApplicantSchema, data, 'applicant');
    },
    async getCheck(applicantId, checkType) {
      const url = `/api/v1/applicants/${encodeURIComponent(applicantId)}/checks/${checkType}`;
      const data = await get(`get-check-${checkType}`, url);
      return data === undefined ? undefined : parse(TracCheckSchema, data, checkType);
    },
  };
}
