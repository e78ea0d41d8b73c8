import { z } from 'zod';

/**
 * esr.md: 1 to 32 characters of `A-Z a-z 0-9 - _`, beginning with a letter or digit. A search
 * answer carrying any other id is malformed (retried like a `5xx`): such an id would otherwise
 * reach a record's URL, the transfer summary and the match preview's CSV as ESR wrote it.
 */
export const ESR_APPLICANT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,31}$/;

export const EsrCandidateSchema = z.object({
  esrApplicantId: z.string().regex(ESR_APPLICANT_ID_PATTERN),
  organisationCode: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  recordOrigin: z.enum(['TIS', 'HICOM', 'MANUAL', 'EREC']),
  personType: z.enum(['APPLICANT', 'EX_APPLICANT', 'EMPLOYEE']),
  applicationStatus: z.enum(['ACTIVE', 'CLOSED']),
  hasProfessionalRegistration: z.boolean(),
});
export type EsrCandidate = z.infer<typeof EsrCandidateSchema>;

export const EsrSearchResponseSchema = z.object({ items: z.array(EsrCandidateSchema) });

export const EsrStoredSchema = z.object({
  esrRecordId: z.string().min(1),
  recordType: z.string(),
  receivedAt: z.string(),
});

export const EsrErrorSchema = z.object({
  code: z.string(),
  message: z.string().optional(),
  errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
});
export type EsrErrorBody = z.infer<typeof EsrErrorSchema>;
