import axios, { type AxiosInstance, type AxiosRequestConfig, type AxiosResponse } from 'axios';
import { RetryableError } from '../platform/errors';
import {
  retryAfterMs,
  sendAuthorised,
  sendObserved,
  type ObserveRequest,
  type RequestLabel,
  type RetryClass,
} from '../platform/http/authorised-request';
import { createTokenCache } from '../platform/http/token-cache';
import { SPAN_ATTRIBUTES, type RunTrace, type Traceable } from '../platform/tracing/spans';
import {
  DataProblemError,
  type DataProblem,
  type EsrRefusal,
  type ProblemSubject,
} from '../records/data-problem';
import type { RecordType } from '../records/record-types';
import {
  EsrErrorSchema,
  EsrSearchResponseSchema,
  EsrStoredSchema,
  type EsrCandidate,
  type EsrErrorBody,
} from './esr-schemas';

export interface EsrClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Timeout of every request, milliseconds. */
  timeoutMs: number;
  /** Awaited before every ESR request: the global rate limit across worker processes. */
  beforeRequest?: () => Promise<unknown>;
  /** Called with each API call's duration and status (metrics). */
  observe?: ObserveRequest;
}

export interface ApplicantQuery {
  organisationCode: string;
  lastName: string;
  dateOfBirth: string;
}

export type PostRecordResult =
  { stored: true; esrRecordId: string; replayed: boolean } | { stored: false; superseded: true };

export interface EsrClient {
  searchApplicants(query: ApplicantQuery): Promise<EsrCandidate[]>;
  postRecord(
    esrApplicantId: string,
    recordType: RecordType,
    body: unknown,
    idempotencyKey: string,
  ): Promise<PostRecordResult>;
}

const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

function errorBodyOf(response: AxiosResponse): EsrErrorBody | undefined {
  const parsed = EsrErrorSchema.safeParse(response.data);
  return parsed.success ? parsed.data : undefined;
}

/** ESR's code and first field, for HR: e.g. `VALIDATION_FAILED (certificateNumber: must be 12 digits)`. */
function describeEsrError(response: AxiosResponse): string {
  const body = errorBodyOf(response);
  if (!body) return `${response.status}`;
  const first = body.errors?.[0];
  return first ? `${body.code} (${first.field}: ${first.message})` : body.code;
}

/** ESR's refusal in HR's terms: its data, the connector's access, a record gone, or a conflict. */
function refusalOf(status: number): EsrRefusal {
  if (status === 403) return 'access';
  if (status === 404) return 'not_found';
  if (status === 409) return 'conflict';
  return 'data';
}

/** What ESR refused, for the HR pages: the record, ESR's first field and its words, the kind of refusal. */
function esrProblemOf(response: AxiosResponse, subject: ProblemSubject): DataProblem {
  const first = errorBodyOf(response)?.errors?.[0];
  return {
    source: 'esr',
    subject,
    field: first?.field ?? '',
    rule: first?.message ?? '',
    refusal: refusalOf(response.status),
  };
}

function classify(operation: string, response: AxiosResponse, subject: ProblemSubject = 'search'): Error {
  const { status } = response;
  const code = errorBodyOf(response)?.code;
  if (status === 401)
    return new RetryableError(`ESR ${operation}: authentication failed twice (401 after a token refresh)`);
  if (RETRYABLE_STATUSES.has(status) || status >= 500 || code === 'IDEMPOTENCY_KEY_IN_USE') {
    return new RetryableError(
      `ESR ${operation}: answered ${status}${code ? ` ${code}` : ''}`,
      retryAfterMs(response.headers),
    );
  }
  return new DataProblemError(
    'ESR_REJECTED',
    `ESR rejected ${operation}: ${status} ${describeEsrError(response)}.`,
    esrProblemOf(response, subject),
  );
}

/** A span's retry class of an ESR answer: a stored record and a superseded registration are answers. */
function retryClassOf(response: AxiosResponse): RetryClass {
  if (response.status === 200 || response.status === 201) return 'none';
  if (response.status === 409 && errorBodyOf(response)?.code === 'PROFESSIONAL_REGISTRATION_EXISTS') {
    return 'none';
  }
  return classify('', response) instanceof RetryableError ? 'retryable' : 'permanent';
}

/** The span names (method and path template) of ESR's two calls: never a real path or query. */
const ROUTES = {
  search: 'GET /dit/v1/applicants',
  post: 'POST /dit/v1/applicants/{esrApplicantId}/employment-checks/{recordType}',
} as const;

/**
 * The one module that talks to ESR: token cache, timeouts, idempotency keys, classified errors.
 * `inTrace(runTrace)` gives a view of it (the same connection and tokens) whose requests' spans
 * belong to that run's trace.
 */
export function createEsrClient(options: EsrClientOptions): EsrClient & Traceable<EsrClient> {
  const http: AxiosInstance = axios.create({ baseURL: options.baseUrl, timeout: options.timeoutMs });
  const tokens = createTokenCache({
    http,
    tokenPath: '/oauth2/token',
    form: {
      grant_type: 'client_credentials',
      client_id: options.clientId,
      client_secret: options.clientSecret,
    },
  });

  async function send(
    label: Omit<RequestLabel, 'system' | 'retryClassOf'>,
    request: AxiosRequestConfig,
    runTrace: RunTrace,
  ): Promise<AxiosResponse> {
    await options.beforeRequest?.();
    return sendObserved(
      { system: 'ESR', retryClassOf, ...label },
      () => sendAuthorised(http, tokens, request),
      options.observe,
      runTrace,
    );
  }

  const client = clientIn(undefined);
  return { ...client, inTrace: clientIn };

  /** The client whose requests' spans are children of `runTrace`. */
  function clientIn(runTrace: RunTrace): EsrClient {
    return {
      async searchApplicants(query) {
        const label = { operation: 'search', route: ROUTES.search };
        const response = await send(
          label,
          { method: 'GET', url: '/dit/v1/applicants', params: query },
          runTrace,
        );
        if (response.status !== 200) throw classify('the applicant search', response);
        const parsed = EsrSearchResponseSchema.safeParse(response.data);
        if (!parsed.success) throw new RetryableError('ESR search: answer did not match the contract');
        return parsed.data.items;
      },

      async postRecord(esrApplicantId, recordType, body, idempotencyKey) {
        const label = {
          operation: `post-${recordType}`,
          route: ROUTES.post,
          attributes: { [SPAN_ATTRIBUTES.recordType]: recordType },
        };
        const response = await send(
          label,
          {
            method: 'POST',
            url: `/dit/v1/applicants/${encodeURIComponent(esrApplicantId)}/employment-checks/${recordType}`,
            data: body,
            headers: { 'idempotency-key': idempotencyKey, 'content-type': 'application/json' },
          },
          runTrace,
        );
        if (response.status === 201) {
          const stored = EsrStoredSchema.safeParse(response.data);
          if (!stored.success)
            throw new RetryableError(`ESR ${recordType}: 201 answer did not match the contract`);
          return {
            stored: true,
            esrRecordId: stored.data.esrRecordId,
            replayed: String(response.headers['idempotent-replayed']) === 'true',
          };
        }
        if (response.status === 409 && errorBodyOf(response)?.code === 'PROFESSIONAL_REGISTRATION_EXISTS') {
          return { stored: false, superseded: true };
        }
        throw classify(`the ${recordType} record`, response, recordType);
      },
    };
  }
}
