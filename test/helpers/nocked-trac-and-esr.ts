import nock from 'nock';
import {
  aDbsCheck,
  anEmploymentChecklistCheck,
  anEuStatusCheck,
  anIllegalWorkingCheck,
  aProfessionalRegistrationCheck,
  aReferencesCheck,
} from './record-builders';

/**
 * Trac (nock at `tracUrl`) serves its token and one R0A applicant at `Outcome: Recruited`, a doctor
 * in training (Aoife O’Brien, born 1994-03-17), with all six checks complete; for as long as the
 * test runs.
 */
export function tracServesAHappyApplicant(tracUrl: string, applicantId: string): void {
  nock(tracUrl).persist().post('/oauth/token').reply(200, { access_token: 't', expires_in: 3600 });
  nock(tracUrl)
    .persist()
    .get(`/api/v1/applicants/${applicantId}`)
    .reply(200, {
      applicantId,
      organisationCode: 'R0A',
      status: 'Outcome: Recruited',
      doctorInTraining: true,
      person: { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-17' },
    });
  const checks = {
    dbs: aDbsCheck(),
    'professional-registration': aProfessionalRegistrationCheck(),
    references: aReferencesCheck(),
    'employment-checklist': anEmploymentChecklistCheck(),
    'illegal-working': anIllegalWorkingCheck(),
    'eu-status': anEuStatusCheck(),
  };
  for (const [type, check] of Object.entries(checks)) {
    nock(tracUrl).persist().get(`/api/v1/applicants/${applicantId}/checks/${type}`).reply(200, check);
  }
}

/** ESR's search item of that applicant: a TIS-created, active R0A applicant with no registration. */
export const anEsrCandidateOfTheHappyApplicant = (esrApplicantId: string) => ({
  esrApplicantId,
  organisationCode: 'R0A',
  firstName: 'AOIFE',
  lastName: "O'BRIEN",
  dateOfBirth: '1994-03-17',
  recordOrigin: 'TIS',
  personType: 'APPLICANT',
  applicationStatus: 'ACTIVE',
  hasProfessionalRegistration: false,
});
