import { z } from 'zod';
import { TRAC_CHECK_TYPES } from './record-types';

/** Every check type Trac holds: the six the connector reads, plus two it must never ask for. */
export const TRAC_SANDBOX_CHECK_TYPES = TRAC_CHECK_TYPES;
export type TracSandboxCheckType = (typeof TRAC_SANDBOX_CHECK_TYPES)[number];

export const TRAC_CHECK_STATES = ['Complete', 'In Progress', 'Not Started', 'Not Required'] as const;

const isoDate = z.iso.date();

/**
 * Trac's person: the three matching fields are checked, the rest (NI number, contacts, address,
 * nationality…) is kept as given because Trac really returns it and the connector must drop it.
 */
const TracPersonSchema = z.looseObject({
  forename: z.string().min(1),
  surname: z.string().min(1),
  dateOfBirth: isoDate,
});

/** `GET /api/v1/applicants/{id}` as trac.md shows it; extra fields are served unchanged. */
export const TracApplicantSchema = z.looseObject({
  applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/),
  vacancyReference: z.string().max(64).optional(),
  status: z.string().min(1).max(100),
  statusChangedAt: z.iso.datetime({ offset: true }),
  staffGroup: z.string().min(1),
  doctorInTraining: z.boolean(),
  person: TracPersonSchema,
});
export type TracApplicant = z.infer<typeof TracApplicantSchema>;

/**
 * A check as Trac stores it. `data` is deliberately unchecked: the sandbox must be able to serve
 * the invalid data that makes a transfer fail `INVALID_TRAC_DATA`.
 */
export const TracCheckSchema = z.strictObject({
  state: z.enum(TRAC_CHECK_STATES),
  completedAt: z.iso.datetime({ offset: true }).optional(),
  data: z.unknown().optional(),
});
export type TracCheck = z.infer<typeof TracCheckSchema>;

/**
 * Checks Trac comes to hold later (a sandbox control, for the demo of outstanding records): each
 * replaces the applicant's check of its type `afterSeconds` after that check was first read, as if
 * HR completed it in Trac then.
 */
export const LaterChecksSchema = z.strictObject({
  afterSeconds: z.number().int().min(0).max(86_400),
  checks: z.partialRecord(z.enum(TRAC_SANDBOX_CHECK_TYPES), TracCheckSchema),
});
export type LaterChecks = z.infer<typeof LaterChecksSchema>;

/** One Trac applicant with its checks; a check type left out was never opened (`404`). */
export const TracSandboxApplicantSchema = z.strictObject({
  applicant: TracApplicantSchema,
  checks: z.partialRecord(z.enum(TRAC_SANDBOX_CHECK_TYPES), TracCheckSchema),
  later: LaterChecksSchema.optional(),
});
export type TracSandboxApplicant = z.infer<typeof TracSandboxApplicantSchema>;

export function isTracSandboxCheckType(value: string): value is TracSandboxCheckType {
  return (TRAC_SANDBOX_CHECK_TYPES as readonly string[]).includes(value);
}
