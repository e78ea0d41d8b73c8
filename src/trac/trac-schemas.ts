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

/**
 * An item of Trac's applicant list: identifiers and status only. Trac sends no personal data here,
 * and anything extra it might send is stripped as the page is parsed.
 */
export const TracApplicantSummarySchema = z.object({
  applicantId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1 to 64 of A-Z a-z 0-9 - _'),
  organisationCode: z.string(),
  vacancyReference: z
    .string()
    .nullish()
    .transform((value) => value ?? undefined),
  status: z.string(),
  statusChangedAt: z.iso.datetime({ offset: true }),
  doctorInTraining: z.boolean(),
});
export type TracApplicantSummary = z.infer<typeof TracApplicantSummarySchema>;

/** One page of the list; `nextCursor` is null on the last page only. */
export const TracApplicantPageSchema = z.object({
  items: z.array(TracApplicantSummarySchema),
  nextCursor: z.string().min(1).nullable(),
});
export type TracApplicantPage = z.infer<typeof TracApplicantPageSchema>;
