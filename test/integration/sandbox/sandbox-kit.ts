import type { Express } from 'express';
import request from 'supertest';
import { SANDBOX_CREDENTIALS } from '../../../config';
import {
  createEsrSandboxApp,
  createTracSandboxApp,
  DEMO_SEED,
  type EsrSandboxOptions,
  type TracSandboxOptions,
} from '../../../sandbox';
import { aTestClock } from '../../helpers/sandbox';

/** The ESR sandbox app with the demo seed and a test clock at 2026-06-14 10:00 Z, unless overridden. */
export function anEsrApp(options: EsrSandboxOptions = {}) {
  const clock = aTestClock();
  const { app, sandbox } = createEsrSandboxApp({
    organisations: DEMO_SEED.esr.organisations,
    applicants: DEMO_SEED.esr.applicants,
    now: clock.now,
    ...options,
  });
  return { app, sandbox, clock, token: () => anEsrAppToken(app) };
}

/** The Trac sandbox app with the demo seed and a test clock, unless overridden. */
export function aTracApp(options: TracSandboxOptions = {}) {
  const clock = aTestClock();
  const { app, sandbox } = createTracSandboxApp({
    applicants: DEMO_SEED.trac.applicants,
    now: clock.now,
    ...options,
  });
  return { app, sandbox, clock, token: () => aTracAppToken(app) };
}

export async function anEsrAppToken(app: Express): Promise<string> {
  const answer = await request(app)
    .post('/oauth2/token')
    .type('form')
    .send({ grant_type: 'client_credentials', ...credentialsForm('esr') });
  return (answer.body as { access_token: string }).access_token;
}

export async function aTracAppToken(app: Express): Promise<string> {
  const answer = await request(app)
    .post('/oauth/token')
    .type('form')
    .send({ grant_type: 'client_credentials', scope: 'applicants.read', ...credentialsForm('trac') });
  return (answer.body as { access_token: string }).access_token;
}

export function credentialsForm(server: 'trac' | 'esr') {
  const { clientId, clientSecret } = SANDBOX_CREDENTIALS[server];
  return { client_id: clientId, client_secret: clientSecret };
}

/** `POST …/employment-checks/{recordType}` with a token and a key. */
export function postRecord(
  app: Express,
  token: string,
  target: { esrApplicantId: string; recordType: string; key?: string },
  body: unknown,
) {
  const call = request(app)
    .post(`/dit/v1/applicants/${target.esrApplicantId}/employment-checks/${target.recordType}`)
    .set('Authorization', `Bearer ${token}`);
  if (target.key !== undefined) call.set('Idempotency-Key', target.key);
  return call.send(body as object);
}

export interface EsrErrorBody {
  code: string;
  message: string;
  errors?: { field: string; message: string }[];
}
