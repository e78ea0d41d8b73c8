import type { Attributes } from '@opentelemetry/api';
import axios, { type AxiosInstance, type AxiosResponse } from 'axios';
import type { z } from 'zod';
import { PermanentError, RetryableError } from '../platform/errors';
import {
  retryAfterMs,
  sendAuthorised,
  sendObserved,
  type ObserveRequest,
  type RetryClass,
} from '../platform/http/authorised-request';
import { createTokenCache } from '../platform/http/token-cache';
import { SPAN_ATTRIBUTES, type RunTrace, type Traceable } from '../platform/tracing/spans';
import { DataProblemError, tracDataProblem } from '../records/data-problem';
import { RECORD_TYPES, TRAC_CHECK_TYPE_OF, type TracCheckType } from '../records/record-types';
import {
  listApplicantsPath,
  readEveryApplicant,
  withoutOtherOrganisations,
  type TracListQuery,
  type TracListSkipReason,
} from './trac-list';
import {
  TracApplicantPageSchema,
  TracApplicantSchema,
  TracCheckSchema,
  type TracApplicant,
  type TracApplicantPage,
  type TracApplicantSummary,
  type TracCheck,
} from './trac-schemas';

export type { TracListQuery } from './trac-list';

export interface TracClientOptions {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Timeout of every request, milliseconds. */
  timeoutMs: number;
  /** Called with each API call's duration and status (metrics). */
  observe?: ObserveRequest;
  /** Awaited before every Trac API request (a match preview's share of the rate limit). Default none. */
  beforeRequest?: () => Promise<unknown>;
  /** Called for each list item left out (`dit_trac_list_items_skipped_total{reason}`). Default none. */
  onListItemSkipped?: (reason: TracListSkipReason) => void;
  /** The clock of a listing's 10-minute bound, epoch milliseconds. Default `Date.now`. */
  now?: () => number;
}

export interface TracClient {
  /** The applicant, or undefined when Trac holds none (`404`). */
  getApplicant(applicantId: string): Promise<TracApplicant | undefined>;
  /** The check, or undefined when it was never opened (`404`). */
  getCheck(applicantId: string, checkType: TracCheckType): Promise<TracCheck | undefined>;
  /**
   * One page of an organisation's applicants: summaries without personal data, and the next cursor.
   * Items of another organisation are left out (and counted through `onListItemSkipped`).
   */
  listApplicantsPage(query: TracListQuery, cursor?: string): Promise<TracApplicantPage>;
  /**
   * Every applicant of the listing, each applicantId once, reading page after page until Trac's
   * `nextCursor` is null. Errors as `listApplicantsPage`'s, thrown where the listing stopped, and
   * `TracListDidNotEndError` for a listing that would never end (src/trac/trac-list.ts).
   */
  listApplicants(query: TracListQuery): AsyncGenerator<TracApplicantSummary, void, undefined>;
}

/** Trac answers that may succeed later: timeouts, rate limits, outages. */
const RETRYABLE_STATUSES = new Set([401, 408, 429, 500, 502, 503, 504]);

/** Trac's error value (`invalid_query`, `not_found`…): a code, never data, so safe in a message. */
function tracErrorCode(data: unknown): string {
  const code: unknown =
    typeof data === 'object' && data !== null ? (data as { error?: unknown }).error : undefined;
  return typeof code === 'string' && /^[a-z_]{1,40}$/.test(code) ? ` (${code})` : '';
}

function classify(operation: string, response: AxiosResponse): Error {
  const { status } = response;
  if (status === 401)
    return new RetryableError(`Trac ${operation}: authentication failed twice (401 after a token refresh)`);
  if (RETRYABLE_STATUSES.has(status) || status >= 500) {
    return new RetryableError(`Trac ${operation}: answered ${status}`, retryAfterMs(response.headers));
  }
  const code = tracErrorCode(response.data);
  return new PermanentError('TRAC_REJECTED', `Trac rejected ${operation} with ${status}${code}.`);
}

/** A span's retry class of a Trac answer, `answers` being the statuses the caller reads. */
const retryClassOf =
  (...answers: number[]) =>
  (response: AxiosResponse): RetryClass => {
    if (answers.includes(response.status)) return 'none';
    return classify('', response) instanceof RetryableError ? 'retryable' : 'permanent';
  };
/** A get reads `404` as "none"; a list refuses it like any other 4xx. */
const GET_ANSWERS = retryClassOf(200, 404);
const LIST_ANSWERS = retryClassOf(200);

/** The span names (method and path template) of Trac's three reads: never a real path or query. */
const ROUTES = {
  applicant: 'GET /api/v1/applicants/{applicantId}',
  check: 'GET /api/v1/applicants/{applicantId}/checks/{checkType}',
  list: 'GET /api/v1/applicants',
} as const;

/** The record a Trac check type's answer is about (`illegal-working` → `illegal-working-checklist`). */
const recordOf = (what: string) => RECORD_TYPES.find((type) => TRAC_CHECK_TYPE_OF[type] === what);

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): T {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue ? [what, ...issue.path].join('.') : what;
  const rule = issue?.message ?? 'unexpected shape';
  const problem = tracDataProblem(recordOf(what) ?? 'applicant', issue?.path ?? [], rule);
  throw new DataProblemError('INVALID_TRAC_DATA', `${field}: ${rule}`, problem);
}

/**
 * The one module that talks to Trac: token cache, timeouts, zod-parsed answers, classified errors.
 * `inTrace(runTrace)` gives a view of it (the same connection and tokens) whose requests' spans
 * belong to that run's trace.
 */
export function createTracClient(options: TracClientOptions): TracClient & Traceable<TracClient> {
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

  interface Read {
    operation: string;
    route: string;
    url: string;
    retryClassOf: (response: AxiosResponse) => RetryClass;
    attributes?: Attributes;
  }

  async function send({ url, ...label }: Read, runTrace: RunTrace): Promise<AxiosResponse> {
    await options.beforeRequest?.();
    return sendObserved(
      { system: 'Trac', ...label },
      () => sendAuthorised(http, tokens, { method: 'GET', url }),
      options.observe,
      runTrace,
    );
  }

  const client = clientIn(undefined);
  return { ...client, inTrace: clientIn };

  /** The client whose requests' spans are children of `runTrace`. */
  function clientIn(runTrace: RunTrace): TracClient {
    /** The body of a `200`; undefined for `404` (no such applicant or check). */
    async function get(read: Omit<Read, 'retryClassOf'>): Promise<unknown> {
      const { operation } = read;
      const response = await send({ ...read, retryClassOf: GET_ANSWERS }, runTrace);
      if (response.status === 404) return undefined;
      if (response.status !== 200) throw classify(operation, response);
      return response.data;
    }

    async function listApplicantsPage(query: TracListQuery, cursor?: string): Promise<TracApplicantPage> {
      const response = await send(
        {
          operation: 'list-applicants',
          route: ROUTES.list,
          url: listApplicantsPath(query, cursor),
          retryClassOf: LIST_ANSWERS,
        },
        runTrace,
      );
      // A list is never "not found": a 404 here is a refusal like any other 4xx.
      if (response.status !== 200) throw classify('list-applicants', response);
      const page = parse(TracApplicantPageSchema, response.data, 'applicants');
      return withoutOtherOrganisations(page, query.organisationCode, options.onListItemSkipped);
    }

    return {
      async getApplicant(applicantId) {
        const url = `/api/v1/applicants/${encodeURIComponent(applicantId)}`;
        const data = await get({ operation: 'get-applicant', route: ROUTES.applicant, url });
        return data === undefined ? undefined : parse(TracApplicantSchema, data, 'applicant');
      },
      async getCheck(applicantId, checkType) {
        const url = `/api/v1/applicants/${encodeURIComponent(applicantId)}/checks/${checkType}`;
        const data = await get({
          operation: `get-check-${checkType}`,
          route: ROUTES.check,
          url,
          attributes: { [SPAN_ATTRIBUTES.tracCheckType]: checkType },
        });
        return data === undefined ? undefined : parse(TracCheckSchema, data, checkType);
      },
      listApplicantsPage,
      listApplicants: (query) =>
        readEveryApplicant((cursor) => listApplicantsPage(query, cursor), { now: options.now }),
    };
  }
}
