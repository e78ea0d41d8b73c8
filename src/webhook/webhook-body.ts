import { z } from 'zod';
import { AppError } from '../platform/errors';

/** The only event type that can start a transfer; others are acknowledged and ignored. */
export const STATUS_CHANGED_EVENT = 'applicant.status_changed';

export interface BodyIssue {
  /** Dotted path of the offending field, e.g. `data.applicantId`; empty for the body itself. */
  path: string;
  message: string;
}

/** A verified body that is not JSON or not the documented shape: answer `400`, store nothing. */
export class InvalidWebhookBodyError extends AppError {
  constructor(readonly issues: BodyIssue[]) {
    super(`invalid webhook body: ${issues.map((issue) => issue.path || '(body)').join(', ')}`);
  }
}

const IsoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
const StatusText = z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters');

/** Only `type` is read before the event type decides whether the full schema applies. */
const EnvelopeSchema = z.object({ type: z.string({ message: 'must be a string' }) });

/** `applicant.status_changed` per trac.md; unknown extra fields are allowed and dropped. */
export const StatusChangedBodySchema = z.object({
  type: z.literal(STATUS_CHANGED_EVENT),
  timestamp: IsoDateTime,
  data: z.object({
    organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/, 'must be 3 to 5 upper-case letters or digits'),
    applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 of A-Z a-z 0-9 - _'),
    // null is read as absent: these two are optional and never used to decide anything
    vacancyReference: z.string().max(64, 'must be at most 64 characters').nullish(),
    status: StatusText,
    previousStatus: StatusText.nullish(),
    changedAt: IsoDateTime,
  }),
});
export type StatusChangedBody = z.infer<typeof StatusChangedBodySchema>;

export type ParsedWebhookBody =
  { kind: 'status_changed'; body: StatusChangedBody } | { kind: 'unhandled'; type: string };

function issuesOf(error: z.ZodError): BodyIssue[] {
  return error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function parseJson(payload: string): unknown {
  try {
    return JSON.parse(payload) as unknown;
  } catch {
    // the parser's own message quotes the body: keep it out of answers and logs
    throw new InvalidWebhookBodyError([{ path: '', message: 'must be valid JSON' }]);
  }
}

/**
 * JSON, then the event type, then (for `applicant.status_changed` only) the body schema, in the
 * contract's order. Throws InvalidWebhookBodyError naming every offending path.
 */
export function parseWebhookBody(payload: string): ParsedWebhookBody {
  const json = parseJson(payload);
  const envelope = EnvelopeSchema.safeParse(json);
  if (!envelope.success) throw new InvalidWebhookBodyError(issuesOf(envelope.error));
  if (envelope.data.type !== STATUS_CHANGED_EVENT) return { kind: 'unhandled', type: envelope.data.type };
  const body = StatusChangedBodySchema.safeParse(json);
  if (!body.success) throw new InvalidWebhookBodyError(issuesOf(body.error));
  return { kind: 'status_changed', body: body.data };
}
