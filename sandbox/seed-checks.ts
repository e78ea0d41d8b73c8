import type { TracCheck, TracSandboxCheckType } from './trac-data';

/**
 * Values Trac holds that the connector must never send to ESR (identity, contact details, health,
 * disclosure contents, free-text notes). Every demo and generated applicant carries them, so a
 * test can search ESR's raw request bodies for each one.
 */
export const NEVER_SENT_MARKERS = [
  'QQ123456C',
  '07700900123',
  '1 Example Street',
  'LS1 1AA',
  '@example.org',
  'PA9256654',
  '4000-1234-5678-9012',
  '01130000001',
  'DISCLOSURE-MARKER',
  'REFEREE-COMMENT-MARKER',
  'NOTES-MARKER',
  'HEALTH-MARKER',
] as const;

export type CheckSet = Partial<Record<TracSandboxCheckType, TracCheck>>;

/** Per-applicant numbers, so two applicants never share a certificate or registration number. */
export interface CheckNumbers {
  /** 12 digits once white space is removed. */
  dbsCertificate: string;
  /** 7 digits (GMC). */
  gmcNumber: string;
}

export function checkNumbersFor(index: number): CheckNumbers {
  const dbs = String(1_000_000_000 + index).padStart(12, '0');
  return {
    dbsCertificate: `${dbs.slice(0, 4)} ${dbs.slice(4, 8)} ${dbs.slice(8)}`,
    gmcNumber: String(7_000_000 + (index % 3_000_000)),
  };
}

export function aDbsCheck(numbers: CheckNumbers, overrides: Record<string, unknown> = {}): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-18T14:05:00Z',
    data: {
      disclosureBody: 'Disclosure and Barring Service',
      level: 'Enhanced with Barred List(s)',
      barredLists: "Children's and Adults'",
      workforce: 'Child and Adult Workforce',
      certificateNumber: numbers.dbsCertificate,
      issueDate: '2026-04-20',
      updateServiceSubscribed: 'Yes',
      updateServiceCheck: { date: '2026-05-18', result: 'Blank, no new information' },
      outcome: 'Satisfactory',
      disclosureContent: 'DISCLOSURE-MARKER caution 2015, spent',
      checkedBy: 'Medical Staffing Officer',
      ...overrides,
    },
  };
}

export function aGmcRegistrationCheck(numbers: CheckNumbers): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-11T09:12:00Z',
    data: {
      body: 'General Medical Council',
      registrationNumber: numbers.gmcNumber,
      registrationType: 'Full',
      licenceToPractise: 'Yes',
      registrationStatus: 'Registered',
      specialistRegister: 'No',
      gpRegister: 'No',
      registeredFrom: '2019-08-07',
      revalidationDate: '2029-08-07',
      verifiedOn: '2026-05-11',
    },
  };
}

export function aGdcRegistrationCheck(): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-11T09:40:00Z',
    data: {
      body: 'General Dental Council',
      registrationNumber: '281 734',
      registrationType: 'Full',
      registrationStatus: 'Registered',
      registeredFrom: '2025-07-15',
      registrationExpiry: '2026-12-31',
      verifiedOn: '2026-05-11',
    },
  };
}

const REFERENCES_DATA = Object.freeze({
  references: [
    {
      type: 'Employment',
      refereeName: ' Dr Sam Patel ',
      refereeOrganisation: 'Example Teaching Hospitals NHS Foundation Trust',
      refereeJobTitle: 'Consultant Physician',
      employedFrom: '2024-08-07',
      employedTo: '2026-08-04',
      requestedOn: '2026-04-01',
      receivedOn: '2026-04-09',
      outcome: 'Success',
      refereeEmail: 'sam.patel@example.org',
      refereePhone: '01130000001',
      comments: 'REFEREE-COMMENT-MARKER an excellent colleague',
    },
    {
      type: 'Training',
      refereeName: 'Professor Ada Lowe',
      refereeOrganisation: 'Example Medical School',
      employedFrom: '2018-09-01',
      employedTo: '2024-07-01',
      requestedOn: '2026-04-01',
      receivedOn: '2026-04-14',
      outcome: 'Success',
      refereeEmail: 'ada.lowe@example.org',
    },
  ],
});

export function aReferencesCheck(): TracCheck {
  return { state: 'Complete', completedAt: '2026-04-14T16:30:00Z', data: REFERENCES_DATA };
}

type ChecklistStatus = 'Complete' | 'Outstanding' | 'Not Required';

function checklistItem(check: string, status: ChecklistStatus, completedOn: string) {
  return status === 'Complete' ? { check, status, completedOn } : { check, status };
}

/** The checklist agrees with the other checks: what is outstanding or not required there is here too. */
export function anEmploymentChecklistCheck(
  statuses: { references?: ChecklistStatus; euStatus?: ChecklistStatus } = {},
): TracCheck {
  return {
    state: 'Complete',
    completedAt: '2026-05-26T17:45:00Z',
    data: {
      conditionalOfferDate: '2026-03-02',
      unconditionalOfferDate: '2026-05-26',
      proposedStartDate: '2026-08-05',
      checklistCompletedBy: ' Medical Staffing Officer ',
      checklistCompletedOn: '2026-05-26',
      items: [
        checklistItem('DBS', 'Complete', '2026-05-18'),
        checklistItem('Professional Registration', 'Complete', '2026-05-11'),
        checklistItem('References', statuses.references ?? 'Complete', '2026-04-14'),
        checklistItem('Right to Work', 'Complete', '2026-05-12'),
        checklistItem('EU Status', statuses.euStatus ?? 'Complete', '2026-05-12'),
        {
          ...checklistItem('Qualifications', 'Complete', '2026-03-20'),
          notes: 'NOTES-MARKER certificates seen',
        },
        { ...checklistItem('Identity', 'Complete', '2026-05-12'), notes: 'NOTES-MARKER passport PA9256654' },
        { ...checklistItem('Occupational Health', 'Complete', '2026-05-20'), notes: 'HEALTH-MARKER cleared' },
      ],
    },
  };
}
