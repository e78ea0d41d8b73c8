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

export function aReferenceItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    referenceType: 'EMPLOYMENT',
    refereeName: 'Dr Ruth Adeyemi',
    refereeOrganisation: 'Leeds Teaching Hospitals NHS Trust',
    refereeJobTitle: 'Consultant',
    periodFrom: '2024-08-07',
    periodTo: '2026-08-04',
    requestedDate: '2026-05-01',
    receivedDate: '2026-05-08',
    outcome: 'SATISFACTORY',
    ...overrides,
  };
}

export function aReferencesBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    references: [aReferenceItem(), aReferenceItem({ referenceType: 'CHARACTER', periodTo: undefined })],
    source: source('A-100234', '2026-05-08T16:00:00Z'),
    ...overrides,
  };
}

export function aChecklistItem(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { check: 'DBS', status: 'COMPLETE', completedDate: '2026-05-18', ...overrides };
}

export function anEmploymentChecklistBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    conditionalOfferDate: '2026-03-02',
    unconditionalOfferDate: '2026-06-01',
    proposedStartDate: '2026-08-05',
    completedBy: 'Medical Staffing Team',
    completedDate: '2026-06-01',
    items: [
      aChecklistItem(),
      aChecklistItem({ check: 'REFERENCES', status: 'OUTSTANDING', completedDate: undefined }),
      aChecklistItem({ check: 'QUALIFICATIONS', status: 'NOT_REQUIRED', completedDate: undefined }),
    ],
    source: source('A-100234', '2026-06-01T12:00:00Z'),
    ...overrides,
  };
}

export function anIllegalWorkingChecklistBody(
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    checkMethod: 'HOME_OFFICE_ONLINE',
    shareCode: 'W7K2M9P4Q',
    checkDate: '2026-05-12',
    checkedBy: 'Medical Staffing Team',
    permissionType: 'TIME_LIMITED',
    permissionExpiryDate: '2028-09-30',
    followUpDate: '2028-06-30',
    sponsored: true,
    source: source('A-100234', '2026-05-12T11:20:00Z'),
    ...overrides,
  };
}
