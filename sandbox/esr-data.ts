import type { Response } from 'express';
import { z } from 'zod';
import type { RecordType } from './record-types';

export const RECORD_ORIGINS = ['TIS', 'HICOM', 'MANUAL', 'EREC'] as const;
export const DIT_PROVIDERS = ['TIS', 'HICOM'] as const;
export type DitProvider = (typeof DIT_PROVIDERS)[number];

/** Which DiT interface creates an organisation's applicants in ESR: only those are in scope. */
export const EsrOrganisationSchema = z.strictObject({
  code: z.string().regex(/^[A-Z0-9]{3,5}$/),
  ditProvider: z.enum(DIT_PROVIDERS),
});
export type EsrOrganisation = z.infer<typeof EsrOrganisationSchema>;

/** An ESR applicant record; `GET /dit/v1/applicants` serves every field but the last. */
export const EsrApplicantSchema = z.strictObject({
  /** esr.md: 1 to 32 of `A-Z a-z 0-9 - _`, beginning with a letter or digit. */
  esrApplicantId: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/),
  organisationCode: z.string().regex(/^[A-Z0-9]{3,5}$/),
  firstName: z.string().min(1),
  lastName: z.string().min(1),
  dateOfBirth: z.iso.date(),
  recordOrigin: z.enum(RECORD_ORIGINS),
  personType: z.enum(['APPLICANT', 'EX_APPLICANT', 'EMPLOYEE']),
  applicationStatus: z.enum(['ACTIVE', 'CLOSED']),
  hasProfessionalRegistration: z.boolean(),
  /**
   * Sandbox only, never served: whether ESR really holds a registration. Defaults to
   * `hasProfessionalRegistration`; `true` with that `false` models a stale search answer, so the
   * record POST gets `409 PROFESSIONAL_REGISTRATION_EXISTS`.
   */
  holdsProfessionalRegistration: z.boolean().optional(),
});
export type EsrApplicant = z.infer<typeof EsrApplicantSchema>;

export const EsrApplicantPatchSchema = EsrApplicantSchema.omit({ esrApplicantId: true }).partial();
export type EsrApplicantPatch = z.infer<typeof EsrApplicantPatchSchema>;

/** The `recordType` of ESR's `201` answer: the path's type in upper snake case. */
export function recordTypeCode(recordType: RecordType): string {
  return recordType.toUpperCase().replace(/-/g, '_');
}

/** One entry of ESR's `errors`: a dotted path (`[i]` for list items) and a short message. */
export interface EsrFieldError {
  field: string;
  message: string;
}

/** ESR's one error shape (esr.md): `{code, message, errors?}`. */
export function sendEsrError(
  res: Response,
  status: number,
  code: string,
  message: string,
  errors?: EsrFieldError[],
): void {
  res.status(status).json(errors ? { code, message, errors } : { code, message });
}

/** zod issues as ESR's `errors` list, the field as a dotted path. */
export function fieldErrorsOf(error: z.ZodError): EsrFieldError[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
}
