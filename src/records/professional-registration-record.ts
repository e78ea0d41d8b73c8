import { z } from 'zod';
import { EsrDateSchema, SourceSchema, TracTextSchema } from './common-schemas';
import {
  addRuleIssue,
  requireAbsentUnless,
  requireDateOrder,
  requireNotFuture,
  requirePresentExactlyWhen,
} from './esr-rules';
import type { FieldNames } from './field-names';
import { labelTable, YES_NO_LABELS, type LabelReader } from './labels';
import { mapCheck, type CheckMapping } from './map-check';
import type { RecordDefinition } from './record-definition';
import { esrDateOf, withoutWhiteSpace } from './trac-values';

const REGISTRATION_BODIES = ['GMC', 'GDC'] as const;
const REGISTRATION_TYPES = ['FULL', 'PROVISIONAL'] as const;
const REGISTRATION_STATUSES = [
  'REGISTERED',
  'REGISTERED_WITH_CONDITIONS',
  'SUSPENDED',
  'NOT_REGISTERED',
] as const;

const REGISTRATION_BODY_LABELS = labelTable<(typeof REGISTRATION_BODIES)[number]>({
  'General Medical Council': 'GMC',
  'General Dental Council': 'GDC',
});
const REGISTRATION_TYPE_LABELS = labelTable<(typeof REGISTRATION_TYPES)[number]>({
  Full: 'FULL',
  Provisional: 'PROVISIONAL',
});
const REGISTRATION_STATUS_LABELS = labelTable<(typeof REGISTRATION_STATUSES)[number]>({
  Registered: 'REGISTERED',
  'Registered with conditions': 'REGISTERED_WITH_CONDITIONS',
  Suspended: 'SUSPENDED',
  'Not registered': 'NOT_REGISTERED',
});

/** Registration numbers by body: GMC numbers are 7 digits, GDC numbers 3 to 6. */
const REGISTRATION_NUMBER_FORMATS = {
  GMC: { pattern: /^\d{7}$/, message: 'must be 7 digits for GMC' },
  GDC: { pattern: /^\d{3,6}$/, message: 'must be 3 to 6 digits for GDC' },
} as const;

/** Trac's `professional-registration` data: only the fields the mapping reads. */
export const TracProfessionalRegistrationDataSchema = z.object({
  body: TracTextSchema,
  registrationNumber: TracTextSchema,
  registrationType: TracTextSchema,
  licenceToPractise: TracTextSchema,
  registrationStatus: TracTextSchema,
  specialistRegister: TracTextSchema,
  gpRegister: TracTextSchema,
  registeredFrom: TracTextSchema,
  registrationExpiry: TracTextSchema,
  revalidationDate: TracTextSchema,
  verifiedOn: TracTextSchema,
});
export type TracProfessionalRegistrationData = z.infer<typeof TracProfessionalRegistrationDataSchema>;

export const ProfessionalRegistrationBodySchema = z
  .object({
    registrationBody: z.enum(REGISTRATION_BODIES),
    registrationNumber: z.string(),
    registrationType: z.enum(REGISTRATION_TYPES),
    licenceToPractise: z.boolean().optional(),
    registrationStatus: z.enum(REGISTRATION_STATUSES),
    specialistRegister: z.boolean().optional(),
    gpRegister: z.boolean().optional(),
    registeredFrom: EsrDateSchema,
    expiryDate: EsrDateSchema.optional(),
    revalidationDate: EsrDateSchema.optional(),
    registerCheckedDate: EsrDateSchema,
    source: SourceSchema,
  })
  .strict();
export type ProfessionalRegistrationBody = z.infer<typeof ProfessionalRegistrationBodySchema>;

function checkRegistrationRules(body: ProfessionalRegistrationBody, ctx: z.RefinementCtx, today: string) {
  const gmc = body.registrationBody === 'GMC';
  const numberFormat = REGISTRATION_NUMBER_FORMATS[body.registrationBody];
  if (!numberFormat.pattern.test(body.registrationNumber)) {
    addRuleIssue(ctx, ['registrationNumber'], numberFormat.message);
  }
  if (body.registrationType === 'PROVISIONAL' && !gmc) {
    addRuleIssue(ctx, ['registrationType'], 'may be PROVISIONAL only when registrationBody is GMC');
  }
  requirePresentExactlyWhen(
    ctx,
    ['licenceToPractise'],
    body.licenceToPractise,
    gmc,
    'registrationBody is GMC',
  );
  requireAbsentUnless(ctx, ['specialistRegister'], body.specialistRegister, gmc, 'registrationBody is GMC');
  requireAbsentUnless(ctx, ['gpRegister'], body.gpRegister, gmc, 'registrationBody is GMC');
  const registeredFrom = { field: 'registeredFrom', date: body.registeredFrom };
  requireDateOrder(ctx, ['expiryDate'], body.expiryDate, 'after', registeredFrom);
  requireDateOrder(ctx, ['revalidationDate'], body.revalidationDate, 'after', registeredFrom);
  requireNotFuture(ctx, ['registerCheckedDate'], body.registerCheckedDate, today);
}

export function professionalRegistrationBodySchema(today: string): z.ZodType<ProfessionalRegistrationBody> {
  return ProfessionalRegistrationBodySchema.superRefine((body, ctx) =>
    checkRegistrationRules(body, ctx, today),
  );
}

function buildRegistrationFields(data: TracProfessionalRegistrationData, labels: LabelReader) {
  const registrationBody = labels.read(REGISTRATION_BODY_LABELS, data.body, ['registrationBody']);
  const registrationNumber = withoutWhiteSpace(data.registrationNumber);
  const registrationType = labels.read(REGISTRATION_TYPE_LABELS, data.registrationType, ['registrationType']);
  // Licence to practise and the GMC's specialist and GP registers mean nothing for a GDC registrant.
  const readIfGmc = (label: string | null | undefined, field: string) =>
    registrationBody === 'GMC' ? labels.read(YES_NO_LABELS, label, [field]) : undefined;
  const licenceToPractise = readIfGmc(data.licenceToPractise, 'licenceToPractise');
  const status = labels.read(REGISTRATION_STATUS_LABELS, data.registrationStatus, ['registrationStatus']);
  return {
    registrationBody,
    registrationNumber,
    registrationType,
    licenceToPractise,
    registrationStatus: status,
    specialistRegister: readIfGmc(data.specialistRegister, 'specialistRegister'),
    gpRegister: readIfGmc(data.gpRegister, 'gpRegister'),
    registeredFrom: esrDateOf(data.registeredFrom),
    expiryDate: esrDateOf(data.registrationExpiry),
    revalidationDate: esrDateOf(data.revalidationDate),
    registerCheckedDate: esrDateOf(data.verifiedOn),
  };
}

const REGISTRATION_NAMES: FieldNames = {
  fields: { registrationBody: 'body', expiryDate: 'registrationExpiry', registerCheckedDate: 'verifiedOn' },
};

const REGISTRATION_MAPPING: CheckMapping<TracProfessionalRegistrationData, ProfessionalRegistrationBody> = {
  tracDataSchema: TracProfessionalRegistrationDataSchema,
  names: REGISTRATION_NAMES,
  buildFields: buildRegistrationFields,
  esrBodySchema: professionalRegistrationBodySchema,
};

/**
 * Professional registration: Trac `professional-registration` → ESR `professional-registration`
 * (records.md §2). Whether ESR already holds one (`SUPERSEDED_IN_ESR`) is the transfer's decision.
 */
export const professionalRegistrationRecord: RecordDefinition<ProfessionalRegistrationBody> = {
  recordType: 'professional-registration',
  tracCheckType: 'professional-registration',
  map: (check, context) => mapCheck(REGISTRATION_MAPPING, check, context),
  esrBodySchema: professionalRegistrationBodySchema,
};
