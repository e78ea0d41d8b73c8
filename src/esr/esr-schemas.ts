import { z } from 'zod';

export const EsrCandidateSchema = z.object({
  esrApplicantId: z.string().min(1),
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
