/**
 * `npm run demo:webhook -- <applicantId> [organisationCode] [status]`: fires one signed
 * `applicant.status_changed` webhook at the receiver, as Trac would (trac.md), and prints the answer.
 * `npm run demo:webhook -- --all`: fires one for every demo applicant of `npm start` (but the one
 * only a sweep finds), one after the other.
 * The receiver URL and secret come from `.data/demo.json`, written by `npm start`; WEBHOOK_SECRET and
 * RECEIVER_URL override them (e.g. against a receiver started some other way).
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { z } from 'zod';
import { DEMO_EXTRAS } from '../sandbox/demo-extras';
import { DEMO_APPLICANTS } from '../sandbox/seed';

const DEMO_FILE = join(resolve(__dirname, '..'), '.data', 'demo.json');
const DEFAULT_ORGANISATION = 'R0A';
const DEFAULT_STATUS = 'Outcome: Recruited';
const USAGE =
  'usage: npm run demo:webhook -- <applicantId> [organisationCode] [status]\n       npm run demo:webhook -- --all';

/** Every demo applicant a webhook should name: the transfer cases and the extras but the sweep-only one. */
const ALL_FIRED = [...DEMO_APPLICANTS, ...DEMO_EXTRAS.filter((extra) => extra.webhook)];

const DemoFileSchema = z.object({ receiverUrl: z.url(), webhookSecret: z.string().optional() });

interface Target {
  receiverUrl: string;
  secret: string;
}

type DemoFile = Partial<z.infer<typeof DemoFileSchema>>;

function readDemoFile(): DemoFile {
  if (!existsSync(DEMO_FILE)) return {};
  const parsed = DemoFileSchema.safeParse(JSON.parse(readFileSync(DEMO_FILE, 'utf8')));
  if (!parsed.success) throw new Error(`${DEMO_FILE} is not what npm start writes: restart npm start.`);
  return parsed.data;
}

function resolveTarget(): Target {
  const { WEBHOOK_SECRET, RECEIVER_URL } = process.env;
  // the overrides alone suffice (e.g. a receiver started without npm start): no file needed then
  const file: DemoFile = WEBHOOK_SECRET && RECEIVER_URL ? {} : readDemoFile();
  const secret = WEBHOOK_SECRET || file.webhookSecret;
  if (!secret) {
    throw new Error('No webhook secret: start the connector with `npm start` first, or set WEBHOOK_SECRET.');
  }
  const receiverUrl = RECEIVER_URL || file.receiverUrl || 'http://127.0.0.1:3000';
  return { receiverUrl: receiverUrl.replace(/\/+$/, ''), secret };
}

/** Trac's date-times carry whole seconds (trac.md). */
function isoSeconds(at: Date): string {
  return at.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function statusChangedBody(applicantId: string, organisationCode: string, status: string, at: Date): string {
  return JSON.stringify({
    type: 'applicant.status_changed',
    timestamp: isoSeconds(at),
    data: {
      organisationCode,
      applicantId,
      vacancyReference: 'DIT-DEMO',
      status,
      previousStatus: 'Offer: Unconditional',
      changedAt: isoSeconds(at),
    },
  });
}

/** The three Standard Webhooks headers; a fresh `webhook-id` each run, so it is never a redelivery. */
function signedHeaders(secret: string, body: string, at: Date): Record<string, string> {
  const id = `msg_${randomUUID().replaceAll('-', '')}`;
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

async function post(url: string, headers: Record<string, string>, body: string): Promise<Response> {
  try {
    return await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(15_000) });
  } catch (error) {
    // fetch reports "fetch failed"; the cause says why (ECONNREFUSED, timeout…)
    const { cause, message } = error as Error;
    const why = cause instanceof Error ? cause.message : message;
    throw new Error(`could not reach ${url} (${why}): is \`npm start\` running?`, { cause: error });
  }
}

/** Fires one webhook and prints the answer; true when it was a 2xx. */
async function fire(target: Target, applicantId: string, organisationCode: string, status: string) {
  const at = new Date();
  const body = statusChangedBody(applicantId, organisationCode, status, at);
  const url = `${target.receiverUrl}/webhooks/trac`;
  console.log(`POST ${url}  (${organisationCode} ${applicantId}, "${status}")`);
  const answer = await post(url, signedHeaders(target.secret, body, at), body);
  console.log(`${answer.status} ${await answer.text()}`);
  return answer.ok;
}

async function main(): Promise<number> {
  const [applicantId, organisationArg, statusArg] = process.argv.slice(2);
  if (!applicantId) {
    console.error(USAGE);
    return 2;
  }
  const target = resolveTarget();
  if (applicantId === '--all') {
    let allOk = true;
    for (const demo of ALL_FIRED) {
      allOk = (await fire(target, demo.applicantId, demo.organisationCode, DEFAULT_STATUS)) && allOk;
    }
    return allOk ? 0 : 1;
  }
  const organisationCode =
    organisationArg ??
    ALL_FIRED.find((a) => a.applicantId === applicantId)?.organisationCode ??
    DEFAULT_ORGANISATION;
  return (await fire(target, applicantId, organisationCode, statusArg ?? DEFAULT_STATUS)) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`demo:webhook: ${error.message}`);
    process.exit(1);
  },
);
