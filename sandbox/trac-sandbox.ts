import express, {
  type Express,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import { SANDBOX_CREDENTIALS } from '../config';
import {
  createFaultControl,
  injectFaults,
  type FaultControl,
  type FaultResponder,
  type FaultSettingsInput,
} from './faults';
import {
  bearerTokenOf,
  checkTokenRequest,
  createTokenStore,
  type ClientCredentials,
  type TokenStore,
} from './oauth';
import { runtimeFrom, type SandboxRuntime, type SandboxRuntimeOptions } from './sandbox-runtime';
import { createLaterChecks } from './trac-later-checks';
import { mountTracControlRoutes } from './trac-control-routes';
import {
  createTracListState,
  injectListFaults,
  listApplicantsHandler,
  type TracListControls,
  type TracListOptions,
} from './trac-list-controls';
import { isTracSandboxCheckType, TracSandboxApplicantSchema, type TracSandboxApplicant } from './trac-data';

export interface TracSandboxOptions extends SandboxRuntimeOptions, TracListOptions {
  /** Applicants with their checks. Default none. */
  applicants?: readonly TracSandboxApplicant[];
  faults?: FaultSettingsInput;
  /** Lifetime of issued tokens, seconds (Trac's `expires_in`). Default 3600. */
  tokenTtlSeconds?: number;
  /** Accepted client credentials. Default `SANDBOX_CREDENTIALS.trac`. */
  credentials?: ClientCredentials;
  /** Keep a log of every API call for `/sandbox/requests`. Default true; benchmarks may turn it off. */
  logRequests?: boolean;
}

/** An API call Trac received, for tests proving what the connector asked for (and never asked). */
export interface TracRequestLogEntry {
  method: string;
  path: string;
  receivedAt: string;
}

/** The Trac sandbox's state, for in-process tests; the `/sandbox/` endpoints call the same functions. */
export interface TracSandbox extends TracListControls {
  /** Adds or replaces an applicant and all its checks (validated like `POST /sandbox/applicants`). */
  upsertApplicant(applicant: TracSandboxApplicant): void;
  getApplicant(applicantId: string): TracSandboxApplicant | undefined;
  applicantCount(): number;
  requests(): readonly TracRequestLogEntry[];
  getFaults(): ReturnType<FaultControl['get']>;
  /** Replaces the fault settings; what is left out is off. */
  setFaults(input: FaultSettingsInput): ReturnType<FaultControl['set']>;
  /** Every token issued so far stops working: the next API call gets `401 invalid_token`. */
  revokeTokens(): void;
  tokenStats(): ReturnType<TokenStore['stats']>;
}

function createTracState(options: TracSandboxOptions, runtime: SandboxRuntime) {
  const applicants = new Map<string, TracSandboxApplicant>();
  const requestLog: TracRequestLogEntry[] = [];
  const faults = createFaultControl(options.faults);
  const tokens = createTokenStore(options.tokenTtlSeconds ?? 3600, runtime.now);
  const list = createTracListState(options);
  const laterChecks = createLaterChecks(runtime.now);
  const sandbox: TracSandbox = {
    ...list.controls,
    upsertApplicant(applicant) {
      const parsed = TracSandboxApplicantSchema.parse(applicant);
      applicants.set(parsed.applicant.applicantId, parsed);
    },
    getApplicant: (applicantId) => applicants.get(applicantId),
    applicantCount: () => applicants.size,
    requests: () => requestLog,
    getFaults: () => faults.get(),
    setFaults: (input) => faults.set(input),
    revokeTokens: () => tokens.revokeAll(),
    tokenStats: () => tokens.stats(),
  };
  // Seeds are trusted code: stored as given (no parse) so that 50,000 generated applicants load fast.
  for (const applicant of options.applicants ?? [])
    applicants.set(applicant.applicant.applicantId, applicant);
  const logRequests = options.logRequests ?? true;
  return { sandbox, applicants, requestLog, faults, list, tokens, laterChecks, logRequests };
}

type TracState = ReturnType<typeof createTracState>;

const notFound = (res: Response) => void res.status(404).json({ error: 'not_found' });

function mountTokenEndpoint(app: Express, state: TracState, credentials: ClientCredentials): void {
  app.post('/oauth/token', express.urlencoded({ extended: false }), (req: Request, res: Response) => {
    res.set('Cache-Control', 'no-store');
    const check = checkTokenRequest(req.body, credentials, 'applicants.read');
    if (!check.ok) {
      res.status(check.problem === 'invalid_client' ? 401 : 400).json({ error: check.problem });
      return;
    }
    const token = state.tokens.issue();
    res.json({ access_token: token.accessToken, token_type: 'Bearer', expires_in: token.expiresIn });
  });
}

/** Trac's words for injected failures. */
const TRAC_FAULT_RESPONDER: FaultResponder = {
  outage: (res, status) =>
    void res.status(status).json({ error: status === 503 ? 'service_unavailable' : 'internal_error' }),
  rateLimited: (res) => void res.status(429).json({ error: 'rate_limited' }),
};

/** Logged before faults and auth, so a test sees every call the connector made, answered or not. */
function logApiCalls(state: TracState, runtime: SandboxRuntime): RequestHandler {
  return (req, _res, next) => {
    if (state.logRequests) {
      const receivedAt = new Date(runtime.now()).toISOString();
      state.requestLog.push({ method: req.method, path: req.originalUrl, receivedAt });
    }
    next();
  };
}

function requireToken(tokens: TokenStore): RequestHandler {
  return (req, res, next) => {
    if (tokens.isValid(bearerTokenOf(req))) next();
    else res.status(401).json({ error: 'invalid_token' });
  };
}

function mountApiRoutes(app: Express, state: TracState, runtime: SandboxRuntime): void {
  const api = express.Router();
  api.use(logApiCalls(state, runtime));
  api.use(injectFaults({ faults: state.faults, runtime, responder: TRAC_FAULT_RESPONDER }));
  api.get('/applicants', injectListFaults(state.list, runtime, TRAC_FAULT_RESPONDER));
  api.use(requireToken(state.tokens));
  api.get('/applicants', listApplicantsHandler(state.applicants, state.list));
  api.get('/applicants/:applicantId', (req: Request<{ applicantId: string }>, res: Response) => {
    const stored = state.applicants.get(req.params.applicantId);
    if (stored) res.json(stored.applicant);
    else notFound(res);
  });
  api.get(
    '/applicants/:applicantId/checks/:checkType',
    (req: Request<{ applicantId: string; checkType: string }>, res: Response) => {
      const { applicantId, checkType } = req.params;
      const stored = state.applicants.get(applicantId);
      const check =
        stored && isTracSandboxCheckType(checkType)
          ? state.laterChecks.checkAt(stored, checkType)
          : undefined;
      if (check) res.json({ checkType, ...check });
      else notFound(res);
    },
  );
  app.use('/api/v1', api);
}

/**
 * Trac's REST API (trac.md) as an express app, with control endpoints under `/sandbox/`. Use the
 * app with supertest, or `startSandboxes()` for real servers.
 */
export function createTracSandboxApp(options: TracSandboxOptions = {}): {
  app: Express;
  sandbox: TracSandbox;
} {
  const runtime = runtimeFrom(options);
  const state = createTracState(options, runtime);
  const app = express();
  app.disable('x-powered-by');
  mountTokenEndpoint(app, state, options.credentials ?? SANDBOX_CREDENTIALS.trac);
  mountApiRoutes(app, state, runtime);
  mountTracControlRoutes(app, state.sandbox);
  app.use((_req: Request, res: Response) => notFound(res));
  // Express 5 forwards async errors here; a sandbox must answer, never crash the test run.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = (error as { status?: number }).status ?? 500;
    res
      .status(status >= 400 && status < 600 ? status : 500)
      .json({ error: status >= 500 ? 'internal_error' : 'bad_request' });
  });
  return { app, sandbox: state.sandbox };
}
