import { ALL_SENT, sentExcept, type DemoCase } from './demo-case';
import { aGdcRegistrationCheck, anEmploymentChecklistCheck } from './seed-checks';
import { anEuStatusCheck, anIllegalWorkingCheck } from './seed-right-to-work';

const aoife = { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-17' };

/** Demo applicants whose transfer completes and sends records. */
export const DEMO_CASES_THAT_SEND: readonly DemoCase[] = [
  {
    applicantId: 'A-100234',
    organisationCode: 'R0A',
    case: 'happy path; curly apostrophe in Trac, ESR also holds her twin Ciara (same surname and birth date)',
    person: aoife,
    esr: [
      { esrApplicantId: '4417723', firstName: 'AOIFE', lastName: "O'BRIEN" },
      { esrApplicantId: '4417724', firstName: 'CIARA', lastName: "O'BRIEN" },
    ],
    esrApplicantId: '4417723',
    expected: ALL_SENT,
  },
  {
    applicantId: 'A-100235',
    organisationCode: '7A1',
    case: 'happy path at a HICOM organisation; British, EU status Not Required',
    person: { forename: 'Rhys', surname: 'Llewellyn', dateOfBirth: '1993-11-02', nationality: 'British' },
    checks: {
      'eu-status': { state: 'Not Required' },
      'illegal-working': anIllegalWorkingCheck('british-passport'),
      'employment-checklist': anEmploymentChecklistCheck({ euStatus: 'Not Required' }),
    },
    esr: [{ esrApplicantId: '4417735', firstName: 'RHYS', lastName: 'LLEWELLYN', recordOrigin: 'HICOM' }],
    esrApplicantId: '4417735',
    expected: sentExcept({ 'eu-status': 'NOT_REQUIRED' }),
  },
  {
    applicantId: 'A-100304',
    organisationCode: 'R0A',
    case: 'ESR already holds a professional registration (search says so)',
    person: { forename: 'Oliver', surname: 'Grant', dateOfBirth: '1991-12-01' },
    esr: [
      {
        esrApplicantId: '4417805',
        firstName: 'OLIVER',
        lastName: 'GRANT',
        hasProfessionalRegistration: true,
      },
    ],
    esrApplicantId: '4417805',
    expected: sentExcept({ 'professional-registration': 'SUPERSEDED_IN_ESR' }),
  },
  {
    applicantId: 'A-100306',
    organisationCode: 'R0A',
    case: 'references still In Progress',
    person: { forename: 'Hannah', surname: 'Clarke', dateOfBirth: '1997-02-11' },
    checks: {
      references: { state: 'In Progress' },
      'employment-checklist': anEmploymentChecklistCheck({ references: 'Outstanding' }),
    },
    esr: [{ esrApplicantId: '4417807', firstName: 'HANNAH', lastName: 'CLARKE' }],
    esrApplicantId: '4417807',
    expected: sentExcept({ references: 'NOT_COMPLETE' }),
  },
  {
    applicantId: 'A-100308',
    organisationCode: 'R0A',
    case: 'happy path; forename Zoë in Trac, ZOE in ESR; EU pre-settled status',
    person: { forename: 'Zoë', surname: 'Martin', dateOfBirth: '1996-06-06', nationality: 'French' },
    checks: {
      'eu-status': anEuStatusCheck('Pre-settled'),
      'illegal-working': anIllegalWorkingCheck('pre-settled-share-code'),
    },
    esr: [{ esrApplicantId: '4417809', firstName: 'ZOE', lastName: 'MARTIN' }],
    esrApplicantId: '4417809',
    expected: ALL_SENT,
  },
  {
    applicantId: 'A-100309',
    organisationCode: 'R0A',
    case: 'happy path; forename Mary-Jane in Trac, MARY JANE in ESR; dental trainee (GDC)',
    person: { forename: 'Mary-Jane', surname: 'Hughes', dateOfBirth: '1995-01-25' },
    checks: { 'professional-registration': aGdcRegistrationCheck() },
    esr: [{ esrApplicantId: '4417810', firstName: 'MARY JANE', lastName: 'HUGHES' }],
    esrApplicantId: '4417810',
    expected: ALL_SENT,
  },
  {
    applicantId: 'A-100311',
    organisationCode: 'R0A',
    case: 'EU status check never opened in Trac (British, checked by IDSP)',
    person: { forename: 'Lucy', surname: 'Chen', dateOfBirth: '1996-03-03', nationality: 'British' },
    checks: {
      'eu-status': undefined,
      'illegal-working': anIllegalWorkingCheck('idsp'),
      'employment-checklist': anEmploymentChecklistCheck({ euStatus: 'Not Required' }),
    },
    esr: [{ esrApplicantId: '4417812', firstName: 'LUCY', lastName: 'CHEN' }],
    esrApplicantId: '4417812',
    expected: sentExcept({ 'eu-status': 'NOT_RECORDED' }),
  },
  {
    applicantId: 'A-100313',
    organisationCode: 'R0A',
    case: 'ESR search says no registration, but the POST answers 409 PROFESSIONAL_REGISTRATION_EXISTS',
    person: { forename: 'Amara', surname: 'Osei', dateOfBirth: '1994-05-05' },
    esr: [
      {
        esrApplicantId: '4417814',
        firstName: 'AMARA',
        lastName: 'OSEI',
        holdsProfessionalRegistration: true,
      },
    ],
    esrApplicantId: '4417814',
    expected: sentExcept({ 'professional-registration': 'SUPERSEDED_IN_ESR' }),
  },
  {
    applicantId: 'A-100314',
    organisationCode: 'R0A',
    case: 'ESR holds a CLOSED and an ACTIVE TIS applicant record: the active one matches; EU application pending',
    person: { forename: 'William', surname: 'Turner', dateOfBirth: '1990-10-10' },
    checks: {
      'eu-status': anEuStatusCheck('Application pending'),
      'illegal-working': anIllegalWorkingCheck('ecs-pending'),
    },
    esr: [
      { esrApplicantId: '4417815', firstName: 'WILLIAM', lastName: 'TURNER', applicationStatus: 'CLOSED' },
      { esrApplicantId: '4417816', firstName: 'WILLIAM', lastName: 'TURNER' },
    ],
    esrApplicantId: '4417816',
    expected: ALL_SENT,
  },
];
