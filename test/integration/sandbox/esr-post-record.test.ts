import request from 'supertest';
import type { EsrApplicant } from '../../../sandbox';
import { aDbsBody, anEuStatusBody, aProfessionalRegistrationBody } from './esr-bodies';
import { anEsrApp, postRecord, type EsrErrorBody } from './sandbox-kit';

async function anAuthorisedEsr(options: Parameters<typeof anEsrApp>[0] = {}) {
  const esr = anEsrApp(options);
  const token = await esr.token();
  const post = (
    esrApplicantId: string,
    recordType: string,
    body: unknown,
    key = `key-${esrApplicantId}-${recordType}`,
  ) => postRecord(esr.app, token, { esrApplicantId, recordType, key }, body);
  return { ...esr, token, post };
}

describe('ESR sandbox record POST: stored', () => {
  it('when a valid DBS record is posted, then 201 with the record id, DBS and the receipt time', async () => {
    const { post, sandbox } = await anAuthorisedEsr();

    const answer = await post('4417723', 'dbs', aDbsBody(), 'R0A-A-100234:dbs');

    expect(answer.status).toBe(201);
    expect(answer.body).toEqual({
      esrRecordId: expect.stringMatching(/^\d+$/) as unknown,
      recordType: 'DBS',
      receivedAt: '2026-06-14T10:00:00.000Z',
    });
    expect(answer.headers['idempotent-replayed']).toBeUndefined();
    expect(sandbox.records({ esrApplicantId: '4417723' })).toEqual([
      {
        esrRecordId: (answer.body as { esrRecordId: string }).esrRecordId,
        esrApplicantId: '4417723',
        recordType: 'dbs',
        idempotencyKey: 'R0A-A-100234:dbs',
        timesKeyStored: 1,
        storedAt: '2026-06-14T10:00:00.000Z',
        body: aDbsBody(),
      },
    ]);
  });

  it.each([
    {
      recordType: 'professional-registration',
      body: aProfessionalRegistrationBody(),
      code: 'PROFESSIONAL_REGISTRATION',
    },
    { recordType: 'eu-status', body: anEuStatusBody(), code: 'EU_STATUS' },
  ])(
    'when a valid $recordType record is posted, then its recordType is $code',
    async ({ recordType, body, code }) => {
      const { post } = await anAuthorisedEsr();

      const answer = await post('4417723', recordType, body);

      expect([answer.status, (answer.body as { recordType: string }).recordType]).toEqual([201, code]);
    },
  );

  it('when a HICOM-created applicant of 7A1 gets a record, then it is stored', async () => {
    const { post } = await anAuthorisedEsr();

    const answer = await post('4417735', 'dbs', aDbsBody());

    expect(answer.status).toBe(201);
  });
});

describe('ESR sandbox record POST: rejected', () => {
  it('when the Idempotency-Key header is missing, then 400 IDEMPOTENCY_KEY_MISSING and nothing is stored', async () => {
    const { app, token, sandbox } = await anAuthorisedEsr();

    const answer = await postRecord(app, token, { esrApplicantId: '4417723', recordType: 'dbs' }, aDbsBody());

    expect(answer.status).toBe(400);
    expect((answer.body as EsrErrorBody).code).toBe('IDEMPOTENCY_KEY_MISSING');
    expect(sandbox.records()).toEqual([]);
  });

  it.each([
    ['empty', ''],
    ['256 characters long', 'k'.repeat(256)],
    ['not ASCII', 'clé'],
    ['a tab', 'a\tb'],
  ])('when the Idempotency-Key is %s, then 400 IDEMPOTENCY_KEY_INVALID', async (_label, key) => {
    const { post } = await anAuthorisedEsr();

    const answer = await post('4417723', 'dbs', aDbsBody(), key);

    expect([answer.status, (answer.body as EsrErrorBody).code]).toEqual([400, 'IDEMPOTENCY_KEY_INVALID']);
  });

  it('when the Idempotency-Key is 255 printable characters, then it is accepted', async () => {
    const { post } = await anAuthorisedEsr();

    const answer = await post('4417723', 'dbs', aDbsBody(), `~ !${'k'.repeat(252)}`);

    expect(answer.status).toBe(201);
  });

  it.each([
    ['an 11-digit certificate number', aDbsBody({ certificateNumber: '00100010023' }), 'certificateNumber'],
    ['a field records.md does not list', aDbsBody({ niNumber: 'QQ123456C' }), 'niNumber'],
    ['an issue date in the future', aDbsBody({ issueDate: '2026-06-15' }), 'issueDate'],
    ['no source', aDbsBody({ source: undefined }), 'source'],
  ])('when a DBS body has %s, then 400 VALIDATION_FAILED naming the field', async (_label, body, field) => {
    const { post, sandbox } = await anAuthorisedEsr();

    const answer = await post('4417723', 'dbs', body);

    expect(answer.status).toBe(400);
    const error = answer.body as EsrErrorBody;
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.errors?.map((e) => e.field)).toContain(field);
    expect(sandbox.records()).toEqual([]);
  });

  it('when a GDC registration is PROVISIONAL, then 400 VALIDATION_FAILED on registrationType', async () => {
    const { post } = await anAuthorisedEsr();
    const gdcProvisional = aProfessionalRegistrationBody({
      registrationBody: 'GDC',
      registrationNumber: '281734',
      registrationType: 'PROVISIONAL',
      licenceToPractise: undefined,
      specialistRegister: undefined,
      gpRegister: undefined,
    });

    const answer = await post('4417723', 'professional-registration', gdcProvisional);

    expect((answer.body as EsrErrorBody).errors).toEqual([
      { field: 'registrationType', message: expect.any(String) as unknown },
    ]);
  });

  it('when the body is not JSON, then 400 VALIDATION_FAILED on body', async () => {
    const { app, token } = await anAuthorisedEsr();

    const answer = await request(app)
      .post('/dit/v1/applicants/4417723/employment-checks/dbs')
      .set('Authorization', `Bearer ${token}`)
      .set('Idempotency-Key', 'k-1')
      .set('Content-Type', 'application/json')
      .send('{"issuingBody": "DBS",');

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'body' }] });
  });

  it('when the record type is unknown, then 400 VALIDATION_FAILED on recordType', async () => {
    const { post } = await anAuthorisedEsr();

    const answer = await post('4417723', 'identity', { documentNumber: 'PA9256654' });

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ field: 'recordType' }] });
  });

  it('when the applicant does not exist, then 404 APPLICANT_NOT_FOUND', async () => {
    const { post } = await anAuthorisedEsr();

    const answer = await post('9999999', 'dbs', aDbsBody());

    expect([answer.status, (answer.body as EsrErrorBody).code]).toEqual([404, 'APPLICANT_NOT_FOUND']);
  });

  it.each([
    ['an EMPLOYEE', '4417803'],
    ['a MANUAL-origin applicant', '4417804'],
    ['a CLOSED application', '4417815'],
    ["a TIS record in HICOM's organisation", '4417813'],
  ])(
    'when the applicant is %s (not in scope), then 404 APPLICANT_NOT_FOUND',
    async (_label, esrApplicantId) => {
      const { post } = await anAuthorisedEsr();

      const answer = await post(esrApplicantId, 'dbs', aDbsBody());

      expect([answer.status, (answer.body as EsrErrorBody).code]).toEqual([404, 'APPLICANT_NOT_FOUND']);
    },
  );

  it('when the client is not authorised for the organisation, then 403 ORGANISATION_NOT_AUTHORISED', async () => {
    const { post, sandbox } = await anAuthorisedEsr({ authorisedOrganisations: ['7A1'] });

    const refused = await post('4417723', 'dbs', aDbsBody());
    sandbox.setAuthorisedOrganisations(undefined);
    const allowed = await post('4417723', 'dbs', aDbsBody());

    expect([refused.status, (refused.body as EsrErrorBody).code]).toEqual([
      403,
      'ORGANISATION_NOT_AUTHORISED',
    ]);
    expect(allowed.status).toBe(201);
  });
});

describe('ESR sandbox record POST: default authorisation follows the applicants', () => {
  const anApplicant = (esrApplicantId: string, organisationCode: string): EsrApplicant => ({
    esrApplicantId,
    organisationCode,
    firstName: 'AOIFE',
    lastName: "O'BRIEN",
    dateOfBirth: '1996-03-14',
    recordOrigin: 'TIS',
    personType: 'APPLICANT',
    applicationStatus: 'ACTIVE',
    hasProfessionalRegistration: false,
  });

  it('when applicants are added or moved after start, then their organisations are authorised at once', async () => {
    const { post, sandbox } = await anAuthorisedEsr({
      organisations: [],
      applicants: [anApplicant('E-1', 'R0A'), anApplicant('E-2', 'R0A')],
    });
    const atStart = sandbox.authorisedOrganisations();
    const first = await post('E-1', 'dbs', aDbsBody());

    sandbox.upsertApplicant(anApplicant('E-3', 'NEW1'));
    sandbox.patchApplicant('E-2', { organisationCode: '7B2' });
    const added = await post('E-3', 'dbs', aDbsBody());
    const moved = await post('E-2', 'dbs', aDbsBody());
    const afterChanges = sandbox.authorisedOrganisations();
    sandbox.patchApplicant('E-1', { organisationCode: '7B2' });

    expect(atStart).toEqual(['R0A']);
    expect([first.status, added.status, moved.status]).toEqual([201, 201, 201]);
    expect(afterChanges).toEqual(['R0A', '7B2', 'NEW1']);
    expect(sandbox.authorisedOrganisations()).toEqual(['7B2', 'NEW1']);
  });
});
