import type { ProblemSubject } from './data-problem';

/**
 * Every field a data problem may name, in HR's words, as Trac's check screens name it: keyed by
 * ESR's field name (a problem always has it; conditions in ESR's rules use it too). List items'
 * fields are keyed by their own name (`receivedDate` of `references[1]`). A test checks that every
 * field of every ESR body, and every Trac field the mapping reads, has its words here.
 */
export const FIELD_WORDS: Readonly<Record<ProblemSubject, Readonly<Record<string, string>>>> = {
  dbs: {
    issuingBody: 'disclosure body',
    disclosureLevel: 'level',
    barredLists: 'barred list',
    workforce: 'workforce',
    certificateNumber: 'certificate number',
    issueDate: 'issue date',
    updateServiceSubscribed: 'Update Service subscription',
    updateServiceCheckDate: 'Update Service check date',
    updateServiceResult: 'Update Service check result',
    outcome: 'outcome',
    checkCompletedDate: 'date the check was completed',
  },
  'professional-registration': {
    registrationBody: 'registration body',
    registrationNumber: 'registration number',
    registrationType: 'registration type',
    licenceToPractise: 'licence to practise',
    registrationStatus: 'registration status',
    specialistRegister: 'specialist register',
    gpRegister: 'GP register',
    registeredFrom: 'registered from date',
    expiryDate: 'registration expiry date',
    revalidationDate: 'revalidation date',
    registerCheckedDate: 'date the register was checked (verified on)',
    checkCompletedDate: 'date the check was completed',
  },
  references: {
    references: 'list of references',
    referenceType: 'type',
    refereeName: 'referee name',
    refereeOrganisation: 'referee organisation',
    refereeJobTitle: 'referee job title',
    periodFrom: 'employed from date',
    periodTo: 'employed to date',
    requestedDate: 'requested on date',
    receivedDate: 'received on date',
    outcome: 'outcome',
    checkCompletedDate: 'date the check was completed',
  },
  'employment-checklist': {
    conditionalOfferDate: 'conditional offer date',
    unconditionalOfferDate: 'unconditional offer date',
    proposedStartDate: 'proposed start date',
    completedBy: 'checklist completed by',
    completedDate: 'checklist completed on date',
    items: 'list of checklist items',
    check: 'check',
    status: 'status',
    checkCompletedDate: 'date the check was completed',
  },
  'illegal-working-checklist': {
    checkMethod: 'check method',
    documentList: 'document list',
    shareCode: 'share code',
    idspProvider: 'IDSP provider',
    ecsReference: 'Employer Checking Service reference',
    checkDate: 'check date',
    checkedBy: 'checked by',
    permissionType: 'permission',
    permissionExpiryDate: 'permission expiry date',
    followUpDate: 'follow-up date',
    workRestrictions: 'restrictions',
    sponsored: 'sponsored',
    checkCompletedDate: 'date the check was completed',
  },
  'eu-status': {
    settlementStatus: 'scheme status',
    shareCode: 'share code',
    ecsReference: 'Employer Checking Service reference',
    checkDate: 'check date',
    expiryDate: 'pre-settled status expiry date',
    followUpDate: 'follow-up date',
    checkCompletedDate: 'date the check was completed',
  },
  applicant: {
    forename: 'first name',
    surname: 'last name',
    dateOfBirth: 'date of birth',
    status: 'status',
    doctorInTraining: 'doctor in training marker',
    applicantId: 'applicant id',
    organisationCode: 'organisation',
    state: 'state',
    completedAt: 'completion date',
    checkType: 'check type',
  },
  search: {},
};

/** The nested item fields that are dated the same way as their list item's own (`items[2].completedDate`). */
export const ITEM_FIELD_WORDS: Readonly<Record<string, string>> = {
  completedDate: 'completed on date',
};

/** A list's items in HR's words: `reference 2`, `checklist item 3`. */
export const ITEM_NOUNS: Readonly<Record<string, string>> = {
  references: 'reference',
  items: 'checklist item',
};

/**
 * ESR's codes that ESR's rules name in their conditions (`when disclosureLevel is BASIC`), as Trac
 * lists them; a code not here is written in words (`SOME_CODE` → `some code`).
 */
export const CODE_WORDS: Readonly<Record<string, string>> = {
  BASIC: 'Basic',
  ENHANCED_BARRED: 'Enhanced with Barred List(s)',
  GMC: 'General Medical Council',
  GDC: 'General Dental Council',
  PROVISIONAL: 'Provisional',
  FULL: 'Full',
  REFUSED: 'Reference refused',
  COMPLETE: 'Complete',
  LIST_A: 'List A',
  UNLIMITED: 'Unlimited',
  TIME_LIMITED: 'Time-limited',
  MANUAL: 'Manual document check',
  HOME_OFFICE_ONLINE: 'Home Office online check',
  IDSP: 'IDSP digital check',
  EMPLOYER_CHECKING_SERVICE: 'Employer Checking Service',
  APPLICATION_PENDING: 'Application pending',
  PRE_SETTLED: 'Pre-settled',
};
