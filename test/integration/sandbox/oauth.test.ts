import request from 'supertest';
import { aTracApp, anEsrApp, credentialsForm } from './sandbox-kit';

const SEARCH = '/dit/v1/applicants?organisationCode=R0A&lastName=OBrien&dateOfBirth=1994-03-17';

describe('Trac sandbox OAuth2 client credentials', () => {
  it('when the client posts its credentials as a form, then it gets a bearer token valid 3600 s', async () => {
    const { app } = aTracApp();

    const answer = await request(app)
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', scope: 'applicants.read', ...credentialsForm('trac') });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.any(String) as unknown,
      token_type: 'Bearer',
      expires_in: 3600,
    });
    expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('when the secret is wrong, then 401 invalid_client', async () => {
    const { app } = aTracApp();

    const answer = await request(app)
      .post('/oauth/token')
      .type('form')
      .send({ grant_type: 'client_credentials', client_id: 'dit-connector', client_secret: 'nope' });

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'invalid_client' });
  });

  it('when the credentials come as JSON instead of a form, then 400 invalid_request', async () => {
    const { app } = aTracApp();

    const answer = await request(app)
      .post('/oauth/token')
      .send({ grant_type: 'client_credentials', ...credentialsForm('trac') });

    expect(answer.status).toBe(400);
    expect(answer.body).toEqual({ error: 'invalid_request' });
  });

  it('when the grant type or the scope is wrong, then 400 naming the problem', async () => {
    const { app } = aTracApp();
    const form = { ...credentialsForm('trac'), scope: 'applicants.read' };

    const grant = await request(app)
      .post('/oauth/token')
      .type('form')
      .send({ ...form, grant_type: 'password' });
    const scope = await request(app)
      .post('/oauth/token')
      .type('form')
      .send({ ...form, grant_type: 'client_credentials', scope: 'applicants.write' });

    expect([grant.status, grant.body]).toEqual([400, { error: 'unsupported_grant_type' }]);
    expect([scope.status, scope.body]).toEqual([400, { error: 'invalid_scope' }]);
  });

  it('when an API call has no token or an unknown one, then 401 invalid_token', async () => {
    const { app } = aTracApp();

    const none = await request(app).get('/api/v1/applicants/A-100234');
    const unknown = await request(app)
      .get('/api/v1/applicants/A-100234')
      .set('Authorization', 'Bearer forged');

    expect([none.status, none.body]).toEqual([401, { error: 'invalid_token' }]);
    expect([unknown.status, unknown.body]).toEqual([401, { error: 'invalid_token' }]);
  });

  it('when the clock passes the token lifetime, then the token stops working exactly then', async () => {
    const { app, clock, token } = aTracApp({ tokenTtlSeconds: 60 });
    const bearer = `Bearer ${await token()}`;

    clock.advance(59_999);
    const justBefore = await request(app).get('/api/v1/applicants/A-100234').set('Authorization', bearer);
    clock.advance(1);
    const atExpiry = await request(app).get('/api/v1/applicants/A-100234').set('Authorization', bearer);

    expect(justBefore.status).toBe(200);
    expect([atExpiry.status, atExpiry.body]).toEqual([401, { error: 'invalid_token' }]);
  });

  it('when tokens are revoked through the control endpoint, then old tokens get 401 and a new one works', async () => {
    const { app, token } = aTracApp();
    const old = await token();

    const revoked = await request(app).post('/sandbox/revoke-tokens');
    const withOld = await request(app)
      .get('/api/v1/applicants/A-100234')
      .set('Authorization', `Bearer ${old}`);
    const withNew = await request(app)
      .get('/api/v1/applicants/A-100234')
      .set('Authorization', `Bearer ${await token()}`);

    expect(revoked.status).toBe(204);
    expect(withOld.status).toBe(401);
    expect(withNew.status).toBe(200);
  });
});

describe('ESR sandbox OAuth2 client credentials', () => {
  it('when the client posts its credentials as a form, then it gets a bearer token valid 900 s', async () => {
    const { app } = anEsrApp();

    const answer = await request(app)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'client_credentials', ...credentialsForm('esr') });

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      access_token: expect.any(String) as unknown,
      token_type: 'Bearer',
      expires_in: 900,
    });
  });

  it("when the client uses Trac's secret, then 401 INVALID_CLIENT", async () => {
    const { app } = anEsrApp();

    const answer = await request(app)
      .post('/oauth2/token')
      .type('form')
      .send({ grant_type: 'client_credentials', ...credentialsForm('trac') });

    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ code: 'INVALID_CLIENT' });
  });

  it('when an API call has no token, then 401 INVALID_TOKEN with a message', async () => {
    const { app } = anEsrApp();

    const answer = await request(app).get(SEARCH);

    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 'INVALID_TOKEN', message: expect.any(String) as unknown });
  });

  it('when 900 s of the injected clock pass, then the token is expired', async () => {
    const { app, clock, token } = anEsrApp();
    const bearer = `Bearer ${await token()}`;

    const fresh = await request(app).get(SEARCH).set('Authorization', bearer);
    clock.advance(900_000);
    const expired = await request(app).get(SEARCH).set('Authorization', bearer);

    expect(fresh.status).toBe(200);
    expect(expired.status).toBe(401);
    expect(expired.body).toMatchObject({ code: 'INVALID_TOKEN' });
  });

  it('when tokens are revoked, then the next call gets 401 and a refreshed token succeeds', async () => {
    const { app, sandbox, token } = anEsrApp();
    const old = await token();

    sandbox.revokeTokens();
    const withOld = await request(app).get(SEARCH).set('Authorization', `Bearer ${old}`);
    const withNew = await request(app)
      .get(SEARCH)
      .set('Authorization', `Bearer ${await token()}`);

    expect(withOld.status).toBe(401);
    expect(withNew.status).toBe(200);
    expect(sandbox.tokenStats()).toEqual({ issued: 2, active: 1 });
  });

  it('when the token count is read over HTTP, then it shows issued and active tokens', async () => {
    const { app, token } = anEsrApp();
    await token();
    await token();

    const answer = await request(app).get('/sandbox/tokens');

    expect(answer.body).toEqual({ issued: 2, active: 2 });
  });
});
