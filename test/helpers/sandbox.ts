import { SANDBOX_CREDENTIALS } from '../../config';
import type { RecordType } from '../../src/records/record-types';
import {
  startSandboxes,
  type FaultSettingsInput,
  type ReceivedPost,
  type StartedSandboxes,
  type StartSandboxesOptions,
  type StoredRecordView,
} from '../../sandbox';
import { builtInBeforeAll } from './built-in-before-all';

/**
 * Starts both sandboxes in `beforeAll` and stops them in `afterAll`. Read the returned fields
 * inside tests and hooks (they throw before the sandboxes are up). Options may be a function, for
 * values only known once other `beforeAll`s have run.
 */
export function withSandboxes(
  options?: StartSandboxesOptions | (() => StartSandboxesOptions),
): StartedSandboxes {
  let started: StartedSandboxes | undefined;
  beforeAll(async () => {
    started = await startSandboxes(typeof options === 'function' ? options() : options);
  });
  afterAll(async () => {
    await started?.close();
    started = undefined;
  });
  return builtInBeforeAll('withSandboxes()', () => started);
}

async function getJson<T>(url: string): Promise<T> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (!answer.ok) throw new Error(`GET ${url}: ${answer.status} ${await answer.text()}`);
  return (await answer.json()) as T;
}

/** The records ESR stored for one applicant (optionally one type), with `timesKeyStored`. */
export async function esrRecordsFor(
  esrUrl: string,
  esrApplicantId: string,
  recordType?: RecordType,
): Promise<StoredRecordView[]> {
  const query = new URLSearchParams({ esrApplicantId, ...(recordType ? { recordType } : {}) });
  const { items } = await getJson<{ items: StoredRecordView[] }>(
    `${esrUrl}/sandbox/records?${query.toString()}`,
  );
  return items;
}

/** Every raw POST body ESR received, as text: search them for data that must never reach ESR. */
export async function esrRequestBodies(esrUrl: string): Promise<string[]> {
  const { items } = await getJson<{ items: ReceivedPost[] }>(`${esrUrl}/sandbox/requests`);
  return items.map((item) => item.body);
}

/** Replaces a sandbox's faults (Trac or ESR URL); what is left out is off. `{}` clears them. */
export async function setSandboxFaults(baseUrl: string, faults: FaultSettingsInput): Promise<void> {
  const answer = await fetch(`${baseUrl}/sandbox/faults`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(faults),
  });
  if (!answer.ok) throw new Error(`PUT faults: ${answer.status} ${await answer.text()}`);
}

async function fetchToken(url: string, form: Record<string, string>): Promise<string> {
  const answer = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
  if (!answer.ok) throw new Error(`POST ${url}: ${answer.status} ${await answer.text()}`);
  return ((await answer.json()) as { access_token: string }).access_token;
}

/** A bearer token from the Trac sandbox, with the sandbox credentials. */
export function aTracToken(tracUrl: string): Promise<string> {
  const { clientId, clientSecret } = SANDBOX_CREDENTIALS.trac;
  return fetchToken(`${tracUrl}/oauth/token`, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
    scope: 'applicants.read',
  });
}

/** A bearer token from the ESR sandbox, with the sandbox credentials. */
export function anEsrToken(esrUrl: string): Promise<string> {
  const { clientId, clientSecret } = SANDBOX_CREDENTIALS.esr;
  return fetchToken(`${esrUrl}/oauth2/token`, {
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
  });
}

/** A clock for the sandboxes' `now` option that moves only when told. */
export function aTestClock(startIso = '2026-06-14T10:00:00Z') {
  let at = Date.parse(startIso);
  return {
    now: () => at,
    advance(ms: number) {
      at += ms;
    },
  };
}

/** `random` that returns the given values in turn, then starts again: faults become a script. */
export function aScriptedRandom(values: readonly number[]): () => number {
  let next = 0;
  return () => {
    const value = values[next % values.length] ?? 0;
    next += 1;
    return value;
  };
}

/**
 * A `delay` option whose latencies end only when the test releases them, so "while a request is
 * still being processed" is a state the test controls, not a race against a timer.
 */
export function aLatencyGate() {
  const waiting: (() => void)[] = [];
  const arrivals: (() => void)[] = [];
  return {
    delay: () =>
      new Promise<void>((resolve) => {
        waiting.push(resolve);
        arrivals.splice(0).forEach((notify) => notify());
      }),
    /** Resolves once `count` requests are waiting in their latency. */
    async waitForPending(count: number): Promise<void> {
      while (waiting.length < count) await new Promise<void>((resolve) => arrivals.push(resolve));
    },
    releaseAll(): void {
      waiting.splice(0).forEach((resolve) => resolve());
    },
  };
}

/**
 * Aoife's twin: Trac's applicant `A-900234` (Aoife's person, born on 1994-03-18), and in ESR only
 * her sister Ciara's record `4419724` (same last name and birth date, another first name), for
 * the match's twin rule. Returns the Trac applicant id.
 */
export function seedTwins(sandboxes: Pick<StartedSandboxes, 'trac' | 'esr'>): string {
  const aoife = sandboxes.trac.getApplicant('A-100234')!;
  const ciara = sandboxes.esr.getApplicant('4417724')!;
  const born = '1994-03-18';
  const applicantId = 'A-900234';
  sandboxes.trac.upsertApplicant({
    ...aoife,
    applicant: { ...aoife.applicant, applicantId, person: { ...aoife.applicant.person, dateOfBirth: born } },
  });
  sandboxes.esr.upsertApplicant({ ...ciara, esrApplicantId: '4419724', dateOfBirth: born });
  return applicantId;
}
