/**
 * Valid ESR bodies (records.md), written by hand so that the sandbox tests do not depend on the
 * connector's mapping. Dates suit a clock at 2026-06-14.
 */
const source = (applicantId: string, completedAt: string) => ({ system: 'TRAC', applicantId, completedAt });

export function aDbsBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    issuingBody: 'DBS',
    disclosureLevel: 'ENHANCED_BARRED',
    barredLists: 'CHILDREN_AND_ADULTS',
    workforce: 'CHILD_AND_ADULT',
    certificateNumber: '001000100234',
    issueDate: '2026-04-20',
    updateServiceSubscribed: true,
    updateServiceCheckDate: '2026-05-18',
    updateServiceResult: 'BLANK_NO_NEW_INFO',
    outcome: 'SATISFACTORY',
    checkCompletedDate: '2026-05-18',
    source: source('A-100234', '2026-05-18T14:05:00Z'),
    ...overrides,
  };
}

export function aProfessionalRegistrationBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    registrationBody: 'GMC',
    registrationNumber: '7100234',
    registrationType: 'FULL',
    licenceToPractise: true,
    registrationStatus: 'REGISTERED',
    specialistRegister: false,
    gpRegister: false,
    registeredFrom: '2019-08-07',
    revalidationDate: '2029-08-07',
    registerCheckedDate: '2026-05-11',
    source: source('A-100234', '2026-05-11T09:12:00Z'),
    ...overrides,
  };
}

export function anEuStatusBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    settlementStatus: 'SETTLED',
    shareCode: 'W1A2B3C4D',
    checkDate: '2026-05-12',
    source: source('A-100234', '2026-05-12T11:20:00Z'),
    ...overrides,
  };
}
