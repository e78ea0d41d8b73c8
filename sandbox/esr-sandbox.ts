import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import { SANDBOX_CREDENTIALS } from '../config';
import { createEsrApiRouter } from './esr-api-routes';
import { mountEsrControlRoutes } from './esr-control-routes';
import {
  EsrApplicantSchema,
  sendEsrError,
  type EsrApplicant,
  type EsrApplicantPatch,
  type EsrOrganisation,
} from './esr-data';
import { createEsrDirectory } from './esr-directory';
import { createIdempotencyStore, IDEMPOTENCY_TTL_MS, type KeyState } from './esr-idempotency';
import {
  createEsrRecordStore,
  type ReceivedPost,
  type RecordFilter,
  type StoredRecordView,
} from './esr-record-store';
import { createFaultControl, type FaultSettings, type FaultSettingsInput } from './faults';
import { checkTokenRequest, createTokenStore, type ClientCredentials, type TokenStore } from './oauth';
import { runtimeFrom, type SandboxRuntimeOptions } from './sandbox-runtime';

export interface EsrSandboxOptions extends SandboxRuntimeOptions {
  /** Each organisation's DiT provider, which decides which applicants are in scope. Default none. */
  organisations?: readonly EsrOrganisation[];
  applicants?: readonly EsrApplicant[];
  /** Organisations this API client may write for. Default: every organisation ESR knows. */
  authorisedOrganisations?: readonly string[];
  faults?: FaultSettingsInput;
  /** Lifetime of issued tokens, seconds (ESR's `expires_in`). Default 900. */
  tokenTtlSeconds?: number;
  /** How long an idempotency key is remembered, milliseconds. Default 24 hours. */
  idempotencyTtlMs?: number;
  /** Accepted client credentials. Default `SANDBOX_CREDENTIALS.esr`. */
  credentials?: ClientCredentials;
  /** Keep every raw POST body for `/sandbox/requests`. Default true; benchmarks may turn it off. */
  logRequests?: boolean;
}

/** The ESR sandbox's state, for in-process tests; the `/sandbox/` endpoints call the same functions. */
export interface EsrSandbox {
  /** Adds or replaces an applicant (validated like `POST /sandbox/applicants`). */
  upsertApplicant(applicant: EsrApplicant): void;
  /** Changes some fields of an applicant; undefined when there is no such applicant. */
  patchApplicant(esrApplicantId: string, changes: EsrApplicantPatch): EsrApplicant | undefined;
  getApplicant(esrApplicantId: string): EsrApplicant | undefined;
  applicantCount(): number;
  records(filter?: RecordFilter): StoredRecordView[];
  /** Every raw POST body received on the API, in order (empty when `logRequests` is false). */
  requests(): readonly ReceivedPost[];
  idempotencyKeyState(key: string): KeyState['state'] | undefined;
  authorisedOrganisations(): string[];
  /** Replaces the list; undefined restores the default (every organisation ESR knows). */
  setAuthorisedOrganisations(codes: readonly string[] | undefined): void;
  getFaults(): FaultSettings;
  /** Replaces the fault settings; what is left out is off. */
  setFaults(input: FaultSettingsInput): FaultSettings;
  /** Every token issued so far stops working: the next API call gets `401 INVALID_TOKEN`. */
  revokeTokens(): void;
  tokenStats(): ReturnType<TokenStore['stats']>;
}

function createEsrState(options: EsrSandboxOptions) {
  const runtime = runtimeFrom(options);
  const organisations = options.organisations ?? [];
  const directory = createEsrDirectory(organisations, options.applicants ?? []);
  const idempotency = createIdempotencyStore(runtime.now, options.idempotencyTtlMs ?? IDEMPOTENCY_TTL_MS);
  const records = createEsrRecordStore(options.logRequests ?? true);
  const faults = createFaultControl(options.faults);
  const tokens = createTokenStore(options.tokenTtlSeconds ?? 900, runtime.now);
  let authorised = options.authorisedOrganisations ? [...options.authorisedOrganisations] : undefined;
  const authorisedOrganisations = () =>
    authorised ?? [...new Set([...organisations.map((o) => o.code), ...directory.organisationCodes()])];

  const sandbox: EsrSandbox = {
    upsertApplicant: (applicant) => directory.upsert(EsrApplicantSchema.parse(applicant)),
    patchApplicant: (esrApplicantId, changes) => directory.patch(esrApplicantId, changes),
    getApplicant: (esrApplicantId) => directory.get(esrApplicantId),
    applicantCount: () => directory.size(),
    records: (filter) => records.list(filter),
    requests: () => records.posts(),
    idempotencyKeyState: (key) => idempotency.lookup(key)?.state,
    authorisedOrganisations,
    setAuthorisedOrganisations(codes) {
      authorised = codes ? [...codes] : undefined;
    },
    getFaults: () => faults.get(),
    setFaults: (input) => faults.set(input),
    revokeTokens: () => tokens.revokeAll(),
    tokenStats: () => tokens.stats(),
  };
  const isAuthorised = (code: string) => authorisedOrganisations().includes(code);
  return { sandbox, runtime, directory, idempotency, records, faults, tokens, isAuthorised };
}

function mountTokenEndpoint(app: Express, tokens: TokenStore, credentials: ClientCredentials): void {
  app.post('/oauth2/token', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const check = checkTokenRequest(req.body, credentials);
    if (check.ok) {
      const token = tokens.issue();
      res.json({ access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn });
    } else if (check.problem === 'invalid_client') {
      sendEsrError(res, 401, 'INVALID_CLIENT', 'Unknown client or wrong secret.');
    } else {
      sendEsrError(res, 400, check.problem.toUpperCase(), 'The token request is malformed.');
    }
  });
}

/**
 * ESR's DiT Employment Checks API (esr.md) as an express app, with control endpoints under
 * `/sandbox/`. Use the app with supertest, or `startSandboxes()` for real servers.
 */
export function createEsrSandboxApp(options: EsrSandboxOptions = {}): { app: Express; sandbox: EsrSandbox } {
  const state = createEsrState(options);
  const app = express();
  app.disable('x-powered-by');
  mountTokenEndpoint(app, state.tokens, options.credentials ?? SANDBOX_CREDENTIALS.esr);
  app.use('/dit/v1', createEsrApiRouter(state));
  mountEsrControlRoutes(app, state.sandbox);
  app.use((_req: Request, res: Response) => sendEsrError(res, 404, 'NOT_FOUND', 'No such endpoint.'));
  // Express 5 forwards async errors here; a sandbox must answer, never crash the test run.
  app.use(
    (failure: { status?: number; type?: string }, _req: Request, res: Response, _next: NextFunction) => {
      if (failure.type === 'entity.too.large')
        sendEsrError(res, 413, 'PAYLOAD_TOO_LARGE', 'The body is over 1 MB.');
      else if (failure.status && failure.status >= 400 && failure.status < 500)
        sendEsrError(res, failure.status, 'BAD_REQUEST', 'The request cannot be read.');
      else sendEsrError(res, 500, 'INTERNAL_ERROR', 'ESR failed to process the request.');
    },
  );
  return { app, sandbox: state.sandbox };
}
