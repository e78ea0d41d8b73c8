import { z } from 'zod';
import { TRAC_CHECK_TYPES } from '../records/record-types';

/**
 * Trac's applicant. `person` is identity data: only forename, surname and dateOfBirth are read,
 * and only to match in ESR; nothing else of it is kept (zod strips unknown fields).
 */
export const TracApplicantSchema = z.object({
  applicantId: z.string(),
  organisationCode: z.string(),
  status: z.string(),
  doctorInTraining: z.boolean(),
  person: z.object({
    forename: z.string().min(1),
    surname: z.string().min(1),
    dateOfBirth: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD'),
  }),
});
export type TracApplicant = z.infer<typeof TracApplicantSchema>;

export const TRAC_CHECK_STATES = ['Complete', 'In Progress', 'Not Started', 'Not Required'] as const;

export const TracCheckSchema = z.object({
  checkType: z.enum(TRAC_CHECK_TYPES),
  state: z.enum(TRAC_CHECK_STATES),
  completedAt: z.string().optional(),
  data: z.unknown().optional(),
});
export type TracCheck = z.infer<typeof TracCheckSchema>;
