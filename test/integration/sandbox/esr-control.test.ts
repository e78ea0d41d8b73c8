import request from 'supertest';
import type { EsrApplicant, ReceivedPost, StoredRecordView } from '../../../sandbox';
import { aDbsBody, anEuStatusBody } from './esr-bodies';
import { anEsrApp, postRecord } from './sandbox-kit';

const A_NEW_APPLICANT: EsrApplicant = {
  esrApplicantId: '5500001',
  organisationCode: 'R0A',
  firstName: 'NEW',
  lastName: 'PERSON',
  dateOfBirth: '1990-02-02',
  recordOrigin: 'TIS',
  personType: 'APPLICANT',
  applicationStatus: 'ACTIVE',
  hasProfessionalRegistration: false,
};

async function anAuthorisedEsr(options: Parameters<typeof anEsrApp>[0] = {}) {
  const esr = anEsrApp(options);
  const token = await esr.token();
  const search = (lastName: string, dateOfBirth: string) =>
    request(esr.app)
      .get('/dit/v1/applicants')
      .query({ organisationCode: 'R0A', lastName, dateOfBirth })
      .set('Authorization', `Bearer ${token}`);
  return { ...esr, token, search };
}

describe('ESR sandbox applicant control (HR "corrects" ESR)', () => {
  it('when an applicant is posted, then 201 and the search finds it', async () => {
    const { app, search } = await anAuthorisedEsr();

    const added = await request(app).post('/sandbox/applicants').send(A_NEW_APPLICANT);
    const found = await search('Person', '1990-02-02');

    expect(added.status).toBe(201);
    expect(found.body).toEqual({ items: [A_NEW_APPLICANT] });
  });

  it('when an applicant is replaced with a corrected birth date, then the old search misses and the new one finds', async () => {
    const { app, search } = await anAuthorisedEsr();
    const corrected = {
      ...A_NEW_APPLICANT,
      esrApplicantId: '4417800',
      lastName: 'NOWAK',
      firstName: 'TOMASZ',
      dateOfBirth: '1992-05-03',
    };

    const replaced = await request(app).post('/sandbox/applicants').send(corrected);
    const before = await search('Nowak', '1992-03-05');
    const after = await search('Nowak', '1992-05-03');

    expect(replaced.status).toBe(200);
    expect(before.body).toEqual({ items: [] });
    expect(after.body).toEqual({ items: [expect.objectContaining({ esrApplicantId: '4417800' })] });
  });

  it('when an applicant is patched to CLOSED, then a record POST gets 404 APPLICANT_NOT_FOUND', async () => {
    const { app, token } = await anAuthorisedEsr();

    const patched = await request(app)
      .patch('/sandbox/applicants/4417723')
      .send({ applicationStatus: 'CLOSED' });
    const posted = await postRecord(
      app,
      token,
      { esrApplicantId: '4417723', recordType: 'dbs', key: 'k' },
      aDbsBody(),
    );

    expect(patched.body).toMatchObject({ esrApplicantId: '4417723', applicationStatus: 'CLOSED' });
    expect(posted.status).toBe(404);
  });

  it('when an applicant is read from /sandbox/applicants/:id, then the sandbox-only flag shows too', async () => {
    const { app } = await anAuthorisedEsr();

    const held = await request(app).get('/sandbox/applicants/4417814');
    const missing = await request(app).get('/sandbox/applicants/0000000');

    expect(held.body).toMatchObject({
      esrApplicantId: '4417814',
      hasProfessionalRegistration: false,
      holdsProfessionalRegistration: true,
    });
    expect([missing.status, (missing.body as { code: string }).code]).toEqual([404, 'APPLICANT_NOT_FOUND']);
  });

  it('when an unknown applicant is patched, or a patch is invalid, then 404 or 400', async () => {
    const { app } = await anAuthorisedEsr();

    const unknown = await request(app).patch('/sandbox/applicants/0000000').send({ firstName: 'X' });
    const invalid = await request(app).patch('/sandbox/applicants/4417723').send({ personType: 'VISITOR' });
    const renamed = await request(app).patch('/sandbox/applicants/4417723').send({ esrApplicantId: 'other' });

    expect(unknown.status).toBe(404);
    expect(invalid.status).toBe(400);
    expect(renamed.status).toBe(400);
  });

  it('when the authorised organisations are replaced over HTTP, then POSTs follow the new list', async () => {
    const { app, token } = await anAuthorisedEsr();

    const before = await request(app).get('/sandbox/authorised-organisations');
    await request(app)
      .put('/sandbox/authorised-organisations')
      .send({ organisationCodes: ['7A1'] });
    const refused = await postRecord(
      app,
      token,
      { esrApplicantId: '4417723', recordType: 'dbs', key: 'k' },
      aDbsBody(),
    );
    const reset = await request(app)
      .put('/sandbox/authorised-organisations')
      .send({ organisationCodes: null });

    expect(before.body).toEqual({ organisationCodes: ['R0A', '7A1'] });
    expect(refused.status).toBe(403);
    expect(reset.body).toEqual({ organisationCodes: ['R0A', '7A1'] });
  });
});

describe('ESR sandbox inspection endpoints', () => {
  it('when records are listed, then they can be filtered by applicant and type, each with timesKeyStored', async () => {
    const { app, token } = await anAuthorisedEsr();
    await postRecord(app, token, { esrApplicantId: '4417723', recordType: 'dbs', key: 'a:dbs' }, aDbsBody());
    await postRecord(app, token, { esrApplicantId: '4417723', recordType: 'dbs', key: 'a:dbs' }, aDbsBody());
    await postRecord(app, token, { esrApplicantId: '4417723', recordType: 'dbs', key: 'b:dbs' }, aDbsBody());
    await postRecord(
      app,
      token,
      { esrApplicantId: '4417723', recordType: 'eu-status', key: 'a:eu' },
      anEuStatusBody(),
    );
    await postRecord(app, token, { esrApplicantId: '4417809', recordType: 'dbs', key: 'c:dbs' }, aDbsBody());

    const all = await request(app).get('/sandbox/records');
    const dbsOfAoife = await request(app)
      .get('/sandbox/records')
      .query({ esrApplicantId: '4417723', recordType: 'dbs' });

    expect((all.body as { items: StoredRecordView[] }).items).toHaveLength(4);
    expect((dbsOfAoife.body as { items: StoredRecordView[] }).items).toEqual([
      expect.objectContaining({ idempotencyKey: 'a:dbs', timesKeyStored: 1, body: aDbsBody() }),
      expect.objectContaining({ idempotencyKey: 'b:dbs', timesKeyStored: 1 }),
    ]);
  });

  it('when ESR receives POSTs, then /sandbox/requests shows every raw body, rejected and malformed ones too', async () => {
    const { app, token } = await anAuthorisedEsr();
    await postRecord(app, token, { esrApplicantId: '4417723', recordType: 'dbs', key: 'k1' }, aDbsBody());
    await postRecord(
      app,
      'expired',
      { esrApplicantId: '4417723', recordType: 'dbs', key: 'k2' },
      { niNumber: 'QQ123456C' },
    );
    await request(app)
      .post('/dit/v1/applicants/4417723/employment-checks/dbs')
      .set('Authorization', `Bearer ${token}`)
      .set('Content-Type', 'text/plain')
      .send('not json PA9256654');

    const answer = await request(app).get('/sandbox/requests');

    const items = (answer.body as { items: ReceivedPost[] }).items;
    expect(items.map((item) => item.idempotencyKey)).toEqual(['k1', 'k2', null]);
    expect(JSON.parse(items[0]?.body ?? '')).toEqual(aDbsBody());
    expect(items[1]?.body).toContain('QQ123456C');
    expect(items[2]).toEqual({
      path: '/dit/v1/applicants/4417723/employment-checks/dbs',
      idempotencyKey: null,
      receivedAt: '2026-06-14T10:00:00.000Z',
      body: 'not json PA9256654',
    });
  });

  it('when request logging is off (benchmarks), then records are kept but no raw bodies', async () => {
    const { app, token, sandbox } = await anAuthorisedEsr({ logRequests: false });

    await postRecord(app, token, { esrApplicantId: '4417723', recordType: 'dbs', key: 'k1' }, aDbsBody());

    expect(sandbox.requests()).toEqual([]);
    expect(sandbox.records()).toHaveLength(1);
  });
});
