import request from 'supertest';
import { DEMO_SEED, type TracSandboxApplicant } from '../../../sandbox';
import { aTracApp } from './sandbox-kit';

async function anAuthorisedTrac() {
  const trac = aTracApp();
  const bearer = `Bearer ${await trac.token()}`;
  const get = (path: string) => request(trac.app).get(path).set('Authorization', bearer);
  return { ...trac, get };
}

function aNewApplicant(applicantId: string): TracSandboxApplicant {
  const template = DEMO_SEED.trac.applicants[0];
  if (!template) throw new Error('demo seed is empty');
  return {
    applicant: { ...template.applicant, applicantId },
    checks: { dbs: { state: 'Not Started' } },
  };
}

describe('Trac sandbox REST API', () => {
  it('when an applicant is read, then Trac answers it whole, identity data included', async () => {
    const { get } = await anAuthorisedTrac();

    const answer = await get('/api/v1/applicants/A-100234');

    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({
      applicantId: 'A-100234',
      organisationCode: 'R0A',
      status: 'Outcome: Recruited',
      doctorInTraining: true,
      person: { forename: 'Aoife', surname: 'O’Brien', dateOfBirth: '1994-03-17', niNumber: 'QQ123456C' },
    });
  });

  it('when the applicant is unknown, then 404 not_found, also for its checks', async () => {
    const { get } = await anAuthorisedTrac();

    const applicant = await get('/api/v1/applicants/A-999999');
    const check = await get('/api/v1/applicants/A-999999/checks/dbs');

    expect([applicant.status, applicant.body]).toEqual([404, { error: 'not_found' }]);
    expect([check.status, check.body]).toEqual([404, { error: 'not_found' }]);
  });

  it('when a complete check is read, then it has checkType, state, completedAt and data', async () => {
    const { get } = await anAuthorisedTrac();

    const answer = await get('/api/v1/applicants/A-100234/checks/dbs');

    expect(answer.status).toBe(200);
    expect(Object.keys(answer.body as object)).toEqual(['checkType', 'state', 'completedAt', 'data']);
    expect(answer.body).toMatchObject({
      checkType: 'dbs',
      state: 'Complete',
      completedAt: '2026-05-18T14:05:00Z',
      data: {
        certificateNumber: expect.any(String) as unknown,
        disclosureContent: expect.any(String) as unknown,
      },
    });
  });

  it('when a check is in progress, then it has no completedAt and no data', async () => {
    const { get } = await anAuthorisedTrac();

    const answer = await get('/api/v1/applicants/A-100306/checks/references');

    expect(answer.body).toEqual({ checkType: 'references', state: 'In Progress' });
  });

  it('when a check was never opened, then 404 not_found', async () => {
    const { get } = await anAuthorisedTrac();

    const answer = await get('/api/v1/applicants/A-100311/checks/eu-status');

    expect([answer.status, answer.body]).toEqual([404, { error: 'not_found' }]);
  });

  it('when the check type is not one Trac has, then 404 not_found', async () => {
    const { get } = await anAuthorisedTrac();

    const answer = await get('/api/v1/applicants/A-100234/checks/illegal-working-checklist');

    expect([answer.status, answer.body]).toEqual([404, { error: 'not_found' }]);
  });

  it('when identity or occupational health is asked for, then Trac serves it and logs the call', async () => {
    const { get, sandbox } = await anAuthorisedTrac();

    const identity = await get('/api/v1/applicants/A-100234/checks/identity');
    const health = await get('/api/v1/applicants/A-100234/checks/occupational-health');

    expect(identity.body).toMatchObject({ checkType: 'identity', data: { documentNumber: 'PA9256654' } });
    expect(health.body).toMatchObject({ checkType: 'occupational-health', state: 'Complete' });
    expect(sandbox.requests().map((r) => r.path)).toEqual([
      '/api/v1/applicants/A-100234/checks/identity',
      '/api/v1/applicants/A-100234/checks/occupational-health',
    ]);
  });

  it('when the request log is read over HTTP, then it lists method, path and time of every API call', async () => {
    const { app, get } = await anAuthorisedTrac();
    await get('/api/v1/applicants/A-100235');

    const answer = await request(app).get('/sandbox/requests');

    expect(answer.body).toEqual({
      items: [{ method: 'GET', path: '/api/v1/applicants/A-100235', receivedAt: '2026-06-14T10:00:00.000Z' }],
    });
  });
});

describe('Trac sandbox applicant control', () => {
  it('when an applicant is posted to /sandbox/applicants, then 201 and the API serves it', async () => {
    const { app, get } = await anAuthorisedTrac();

    const added = await request(app).post('/sandbox/applicants').send(aNewApplicant('C-000001'));
    const read = await get('/api/v1/applicants/C-000001/checks/dbs');

    expect(added.status).toBe(201);
    expect(read.body).toEqual({ checkType: 'dbs', state: 'Not Started' });
  });

  it('when an applicant is read from /sandbox/applicants/:id, then it comes with all its checks', async () => {
    const { app } = await anAuthorisedTrac();

    const found = await request(app).get('/sandbox/applicants/A-100311');
    const missing = await request(app).get('/sandbox/applicants/A-000000');

    expect(Object.keys((found.body as TracSandboxApplicant).checks)).not.toContain('eu-status');
    expect(Object.keys((found.body as TracSandboxApplicant).checks)).toContain('identity');
    expect(missing.status).toBe(404);
  });

  it('when an existing applicant is posted again, then 200 and its checks are replaced', async () => {
    const { app, get } = await anAuthorisedTrac();

    const replaced = await request(app).post('/sandbox/applicants').send(aNewApplicant('A-100234'));
    const references = await get('/api/v1/applicants/A-100234/checks/references');

    expect(replaced.status).toBe(200);
    expect(references.status).toBe(404);
  });

  it('when the posted applicant breaks the schema, then 400 with the issues and nothing changes', async () => {
    const { app, sandbox } = await anAuthorisedTrac();
    const broken = aNewApplicant('C-000002');
    broken.checks.dbs = { state: 'Done' as 'Complete' };

    const answer = await request(app).post('/sandbox/applicants').send(broken);

    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ error: 'invalid_body', issues: [{ path: 'checks.dbs.state' }] });
    expect(sandbox.getApplicant('C-000002')).toBeUndefined();
  });
});
