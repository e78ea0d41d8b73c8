import type { CompletedTracCheck, MapContext, TracCheckType } from '../../src/records';

/**
 * Builders of realistic `Complete` Trac checks (trac.md, records.md), valid for every record rule
 * on or after `BUILDER_TODAY`. Each takes overrides of Trac's `data`; an override of `undefined`
 * removes the field. Trac's data holds fields that must never reach ESR (identity documents,
 * contact details, notes): the mapping is an allow-list, so the builders include them as Trac does.
 */

/** The latest date the builders use: a "today" under which every built check is valid. */
export const BUILDER_TODAY = '2026-06-14';

export type TracData = Record<string, unknown>;

/** A Trac check as `GET …/checks/{checkType}` answers it when `Complete`. */
export interface TracCheckFixture<Data = TracData> extends CompletedTracCheck {
  state: 'Complete';
  data: Data;
}

export function withOverrides<Data extends TracData>(base: Data, overrides: TracData = {}): Data {
  const merged: TracData = { ...base, ...overrides };
  return Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined)) as Data;
}

function aCompleteCheck(checkType: TracCheckType, completedAt: string, data: TracData): TracCheckFixture {
  return { checkType, state: 'Complete', completedAt, data };
}

export function aMapContext(overrides: Partial<MapContext> = {}): MapContext {
  return { applicantId: 'A-100234', today: BUILDER_TODAY, ...overrides };
}

/** Enhanced with both barred lists, on the Update Service, checked there. */
export function aDbsCheck(overrides: TracData = {}, completedAt = '2026-06-02T15:40:00Z'): TracCheckFixture {
  return aCompleteCheck(
    'dbs',
    completedAt,
    withOverrides(
      {
        disclosureBody: 'Disclosure and Barring Service',
        level: 'Enhanced with Barred List(s)',
        barredLists: "Children's and Adults'",
        workforce: 'Child and Adult Workforce',
        certificateNumber: '001234567890',
        issueDate: '2026-05-12',
        updateServiceSubscribed: 'Yes',
        updateServiceCheck: { date: '2026-06-01', result: 'Blank, no new information' },
        outcome: 'Satisfactory',
        disclosureContent: 'No information recorded',
        checkedBy: 'Priya Patel, Medical Staffing',
      },
      overrides,
    ),
  );
}

/** A fully registered GMC doctor with a licence to practise. */
export function aProfessionalRegistrationCheck(
  overrides: TracData = {},
  completedAt = '2026-06-03T09:15:00Z',
): TracCheckFixture {
  return aCompleteCheck(
    'professional-registration',
    completedAt,
    withOverrides(
      {
        body: 'General Medical Council',
        registrationNumber: '7123456',
        registrationType: 'Full',
        licenceToPractise: 'Yes',
        registrationStatus: 'Registered',
        specialistRegister: 'No',
        gpRegister: 'No',
        registeredFrom: '2019-08-07',
        revalidationDate: '2029-08-07',
        verifiedOn: '2026-06-03',
      },
      overrides,
    ),
  );
}

/** One reference as Trac holds it: received and satisfactory, with the referee's contact details. */
export function aTracReference(overrides: TracData = {}): TracData {
  return withOverrides(
    {
      type: 'Employment',
      refereeName: 'Dr Siobhan Kelly',
      refereeOrganisation: 'Leeds Teaching Hospitals NHS Trust',
      refereeJobTitle: 'Consultant Physician',
      employedFrom: '2024-08-07',
      employedTo: '2026-08-04',
      requestedOn: '2026-05-05',
      receivedOn: '2026-05-11',
      outcome: 'Success',
      refereeEmail: 'siobhan.kelly@example.nhs.uk',
      refereePhone: '0113 496 0000',
      comments: 'Excellent clinician, no concerns.',
    },
    overrides,
  );
}

/** An employment reference and a training reference, both received. */
export function aReferencesCheck(
  overrides: TracData = {},
  completedAt = '2026-05-20T11:00:00Z',
): TracCheckFixture {
  const references = [
    aTracReference(),
    aTracReference({
      type: 'Training',
      refereeName: 'Prof. Alan Reid',
      refereeOrganisation: 'NHS England - North East and Yorkshire',
      refereeJobTitle: 'Training Programme Director',
      employedFrom: '2022-08-03',
      employedTo: '2024-08-06',
      receivedOn: '2026-05-19',
    }),
  ];
  return aCompleteCheck('references', completedAt, withOverrides({ references }, overrides));
}

/** One line of Trac's employment checklist. */
export function aChecklistItem(overrides: TracData = {}): TracData {
  return withOverrides(
    { check: 'DBS', status: 'Complete', completedOn: '2026-06-02', notes: 'Seen original certificate' },
    overrides,
  );
}

/** Every check complete, identity and occupational health included (the mapping drops those two). */
export function anEmploymentChecklistCheck(
  overrides: TracData = {},
  completedAt = '2026-06-10T16:05:00Z',
): TracCheckFixture {
  const items = [
    aChecklistItem({ check: 'Identity', completedOn: '2026-05-04', notes: 'Passport 925076473 checked' }),
    aChecklistItem({ check: 'DBS', completedOn: '2026-06-02' }),
    aChecklistItem({ check: 'Professional Registration', completedOn: '2026-06-03' }),
    aChecklistItem({ check: 'References', completedOn: '2026-05-20' }),
    aChecklistItem({ check: 'Right to Work', completedOn: '2026-05-04' }),
    aChecklistItem({ check: 'Occupational Health', completedOn: '2026-06-08', notes: 'Fit, no adjustments' }),
    aChecklistItem({ check: 'Qualifications', completedOn: '2026-05-04' }),
  ];
  return aCompleteCheck(
    'employment-checklist',
    completedAt,
    withOverrides(
      {
        conditionalOfferDate: '2026-04-15',
        unconditionalOfferDate: '2026-06-10',
        proposedStartDate: '2026-08-05',
        checklistCompletedBy: 'Priya Patel',
        checklistCompletedOn: '2026-06-10',
        items,
      },
      overrides,
    ),
  );
}

/** A manual List A check (a British passport): unlimited permission, identity documents on file. */
export function anIllegalWorkingCheck(
  overrides: TracData = {},
  completedAt = '2026-05-04T10:30:00Z',
): TracCheckFixture {
  return aCompleteCheck(
    'illegal-working',
    completedAt,
    withOverrides(
      {
        checkMethod: 'Manual document check',
        documentList: 'List A',
        checkDate: '2026-05-04',
        checkedBy: 'Priya Patel',
        permission: 'Unlimited',
        documentTypes: ['UK passport'],
        documentNumber: '925076473',
        documentExpiry: '2031-02-11',
        nationality: 'British',
        copiesTaken: 'Yes',
      },
      overrides,
    ),
  );
}

/** Settled status proven by a Home Office share code. */
export function anEuStatusCheck(
  overrides: TracData = {},
  completedAt = '2026-05-06T14:20:00Z',
): TracCheckFixture {
  return aCompleteCheck(
    'eu-status',
    completedAt,
    withOverrides(
      {
        schemeStatus: 'Settled',
        shareCode: 'WAB12CD34',
        checkDate: '2026-05-06',
        nationality: 'Irish',
        passportNumber: 'PA1234567',
        uniqueApplicationNumber: '4000-1234-5678-9012',
      },
      overrides,
    ),
  );
}
