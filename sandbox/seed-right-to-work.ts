import type { TracCheck } from './trac-data';

/** Identity fields Trac keeps beside a right-to-work check; none of them may reach ESR. */
const IDENTITY_DOCUMENT = Object.freeze({
  documentTypes: ['Passport'],
  documentNumber: 'PA9256654',
  documentExpiry: '2031-01-01',
  nationality: 'Irish',
  copiesTaken: 'Yes',
});

const CHECKED = { checkDate: '2026-05-12', checkedBy: ' Medical Staffing Officer ' };
const COMPLETED_AT = '2026-05-12T11:00:00Z';

/** How the right to work was proved; each matches an EU status that makes sense with it. */
export type RightToWork =
  'settled-share-code' | 'pre-settled-share-code' | 'ecs-pending' | 'british-passport' | 'idsp';

const ILLEGAL_WORKING_DATA: Readonly<Record<RightToWork, Record<string, unknown>>> = {
  'settled-share-code': {
    checkMethod: 'Home Office online check',
    shareCode: 'w1a 2b3 c4d',
    permission: 'Unlimited',
    sponsored: 'No',
  },
  'pre-settled-share-code': {
    checkMethod: 'Home Office online check',
    shareCode: 'W7K 9P2 M4X',
    permission: 'Time-limited',
    permissionExpiryDate: '2028-05-12',
    followUpDate: '2028-02-12',
    restrictions: 'None while pre-settled status lasts',
    sponsored: 'No',
  },
  'ecs-pending': {
    checkMethod: 'Employer Checking Service',
    ecsReference: 'ECS-PVN-2026-004471',
    permission: 'Time-limited',
    permissionExpiryDate: '2026-11-12',
    followUpDate: '2026-11-01',
  },
  'british-passport': {
    checkMethod: 'Manual document check',
    documentList: 'List A',
    permission: 'Unlimited',
  },
  idsp: {
    checkMethod: 'IDSP digital check',
    idspProvider: 'Example Identity Services Ltd',
    permission: 'Unlimited',
  },
};

export function anIllegalWorkingCheck(how: RightToWork): TracCheck {
  return {
    state: 'Complete',
    completedAt: COMPLETED_AT,
    data: { ...ILLEGAL_WORKING_DATA[how], ...CHECKED, ...IDENTITY_DOCUMENT },
  };
}

const EU_IDENTITY = {
  nationality: 'Irish',
  passportNumber: 'PA9256654',
  uniqueApplicationNumber: '4000-1234-5678-9012',
};

export type EuScheme = 'Settled' | 'Pre-settled' | 'Application pending';

const EU_STATUS_DATA: Readonly<Record<EuScheme, Record<string, unknown>>> = {
  Settled: { schemeStatus: 'Settled', shareCode: 'W1A 2B3 C4D' },
  'Pre-settled': {
    schemeStatus: 'Pre-settled',
    shareCode: 'w7k9p2m4x',
    preSettledExpiryDate: '2028-05-12',
    followUpDate: '2028-02-12',
  },
  'Application pending': { schemeStatus: 'Application pending', ecsReference: 'ECS-PVN-2026-004471' },
};

export function anEuStatusCheck(scheme: EuScheme): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-12T11:20:00Z',
    data: { ...EU_STATUS_DATA[scheme], checkDate: '2026-05-12', ...EU_IDENTITY },
  };
}

/** Trac holds it; the connector must never ask for it. */
export function anIdentityCheck(): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-12T10:30:00Z',
    data: {
      documentType: 'Passport',
      ...IDENTITY_DOCUMENT,
      verifiedBy: 'Medical Staffing Officer',
      notes: 'NOTES-MARKER seen in person',
    },
  };
}

/** Trac holds it; the connector must never ask for it. */
export function anOccupationalHealthCheck(): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-20T13:00:00Z',
    data: {
      outcome: 'Fit for work with adjustments',
      healthNotes: 'HEALTH-MARKER asthma, inhaler',
      immunisationsUpToDate: 'Yes',
    },
  };
}
