import type { Request, Response } from 'express';
import { checkEsrBody, londonDateOf } from './esr-body-rules';
import { isRecordType, RECORD_TYPES, type RecordType } from './record-types';
import type { EsrApplicant, EsrFieldError } from './esr-data';
import { recordTypeCode } from './esr-data';
import type { EsrDirectory } from './esr-directory';
import {
  isValidIdempotencyKey,
  requestFingerprint,
  type IdempotencyStore,
  type StoredAnswer,
} from './esr-idempotency';
import type { EsrRecordStore } from './esr-record-store';
import { drawLostResponse, type FaultControl } from './faults';
import { waitLatency, type SandboxRuntime } from './sandbox-runtime';

export interface EsrPostDependencies {
  directory: EsrDirectory;
  idempotency: IdempotencyStore;
  records: EsrRecordStore;
  faults: FaultControl;
  runtime: SandboxRuntime;
  isAuthorised(organisationCode: string): boolean;
  /** Whether express.json failed to parse this request's body. */
  hasMalformedBody(req: Request): boolean;
}

type PostParams = { esrApplicantId: string; recordType: string };

interface Answer extends StoredAnswer {
  replayed?: boolean;
}

interface StoreDecision {
  key: string;
  fingerprint: string;
  applicant: EsrApplicant;
  recordType: RecordType;
  body: unknown;
}

type Decision = { kind: 'answer'; answer: Answer } | ({ kind: 'store' } & StoreDecision);

const errorAnswer = (status: number, code: string, message: string, errors?: EsrFieldError[]): Answer => ({
  status,
  body: errors ? { code, message, errors } : { code, message },
});

const answerWith = (answer: Answer): Decision => ({ kind: 'answer', answer });

const error = (...args: Parameters<typeof errorAnswer>): Decision => answerWith(errorAnswer(...args));

const REGISTRATION_EXISTS = errorAnswer(
  409,
  'PROFESSIONAL_REGISTRATION_EXISTS',
  'ESR already holds a professional registration for this person.',
);

const validationFailed = (errors: EsrFieldError[]) =>
  error(400, 'VALIDATION_FAILED', 'The request breaks the employment check schema.', errors);

/** Answers about the key alone: the same every time, so built once. */
const KEY_ANSWERS = {
  missing: errorAnswer(400, 'IDEMPOTENCY_KEY_MISSING', 'The Idempotency-Key header is required.'),
  invalid: errorAnswer(
    400,
    'IDEMPOTENCY_KEY_INVALID',
    'The Idempotency-Key must be 1 to 255 printable ASCII characters.',
  ),
  inUse: errorAnswer(
    409,
    'IDEMPOTENCY_KEY_IN_USE',
    'A request with this Idempotency-Key is still being processed.',
  ),
  reused: errorAnswer(
    422,
    'IDEMPOTENCY_KEY_REUSED',
    'This Idempotency-Key was used before with a different request.',
  ),
};

/** The header, then the key's history: a replay or a reuse is answered before anything else. */
function decideByKey(
  req: Request<PostParams>,
  deps: EsrPostDependencies,
): Decision | { key: string; fingerprint: string } {
  const key = req.get('idempotency-key');
  if (key === undefined) return answerWith(KEY_ANSWERS.missing);
  if (!isValidIdempotencyKey(key)) return answerWith(KEY_ANSWERS.invalid);
  if (deps.hasMalformedBody(req)) return validationFailed([{ field: 'body', message: 'is not valid JSON' }]);
  const fingerprint = requestFingerprint(req.method, req.originalUrl.split('?')[0] ?? '', req.body);
  const previous = deps.idempotency.lookup(key);
  if (previous?.state === 'in-flight') return answerWith(KEY_ANSWERS.inUse);
  if (previous && previous.fingerprint !== fingerprint) return answerWith(KEY_ANSWERS.reused);
  if (previous) return answerWith({ ...previous.answer, replayed: true });
  return { key, fingerprint };
}

/** What the record's target and content allow, in ESR's order: type, applicant, rights, schema, rules. */
function decideByContent(
  req: Request<PostParams>,
  deps: EsrPostDependencies,
  key: string,
  fingerprint: string,
): Decision {
  const { esrApplicantId, recordType } = req.params;
  if (!isRecordType(recordType)) {
    return validationFailed([{ field: 'recordType', message: `must be one of ${RECORD_TYPES.join(', ')}` }]);
  }
  const applicant = deps.directory.get(esrApplicantId);
  const notFound = () =>
    error(404, 'APPLICANT_NOT_FOUND', `No applicant ${esrApplicantId} in scope for DiT checks.`);
  if (!applicant) return notFound();
  if (!deps.isAuthorised(applicant.organisationCode)) {
    return error(
      403,
      'ORGANISATION_NOT_AUTHORISED',
      `This client may not write for ${applicant.organisationCode}.`,
    );
  }
  if (!deps.directory.isInScope(applicant)) return notFound();
  const body: unknown = req.body;
  if (body === undefined) return validationFailed([{ field: 'body', message: 'must be a JSON object' }]);
  const validation = checkEsrBody(recordType, body, londonDateOf(new Date(deps.runtime.now())));
  if (!validation.ok) return validationFailed(validation.errors);
  if (recordType === 'professional-registration' && deps.directory.holdsProfessionalRegistration(applicant)) {
    return answerWith(REGISTRATION_EXISTS);
  }
  return { kind: 'store', key, fingerprint, applicant, recordType, body };
}

function decide(req: Request<PostParams>, deps: EsrPostDependencies): Decision {
  const byKey = decideByKey(req, deps);
  return 'kind' in byKey ? byKey : decideByContent(req, deps, byKey.key, byKey.fingerprint);
}

/** Stores the record and keeps the answer for the key; re-checks the registration rule at commit. */
function commit(decision: StoreDecision, deps: EsrPostDependencies, receivedAt: string): Answer {
  const current = deps.directory.get(decision.applicant.esrApplicantId) ?? decision.applicant;
  if (
    decision.recordType === 'professional-registration' &&
    deps.directory.holdsProfessionalRegistration(current)
  ) {
    deps.idempotency.release(decision.key);
    return REGISTRATION_EXISTS;
  }
  const stored = deps.records.store({
    esrApplicantId: decision.applicant.esrApplicantId,
    recordType: decision.recordType,
    idempotencyKey: decision.key,
    storedAt: new Date(deps.runtime.now()).toISOString(),
    body: decision.body,
  });
  if (decision.recordType === 'professional-registration') {
    deps.directory.markProfessionalRegistrationHeld(decision.applicant.esrApplicantId);
  }
  const answer = {
    status: 201,
    body: { esrRecordId: stored.esrRecordId, recordType: recordTypeCode(decision.recordType), receivedAt },
  };
  deps.idempotency.complete(decision.key, answer);
  return answer;
}

function send(res: Response, answer: Answer): void {
  if (answer.replayed) res.set('Idempotent-Replayed', 'true');
  res.status(answer.status).json(answer.body);
}

/**
 * `POST /dit/v1/applicants/:esrApplicantId/employment-checks/:recordType` with every answer of
 * esr.md. The key is held in use for the whole injected latency, which is what lets a test see
 * `409 IDEMPOTENCY_KEY_IN_USE`; a lost response is stored first and then never answered.
 */
export function createPostRecordHandler(deps: EsrPostDependencies) {
  return async (req: Request<PostParams>, res: Response): Promise<void> => {
    const receivedAt = new Date(deps.runtime.now()).toISOString();
    const settings = deps.faults.get();
    const decision = decide(req, deps);
    if (decision.kind === 'answer') {
      await waitLatency(deps.runtime, settings.latencyMs);
      send(res, decision.answer);
      return;
    }
    deps.idempotency.claim(decision.key, decision.fingerprint);
    let answer: Answer;
    try {
      await waitLatency(deps.runtime, settings.latencyMs);
      answer = commit(decision, deps, receivedAt);
    } catch (failure) {
      deps.idempotency.release(decision.key);
      throw failure;
    }
    if (answer.status === 201 && drawLostResponse(deps.faults.get(), deps.runtime.random)) {
      req.socket.destroy();
      return;
    }
    send(res, answer);
  };
}
