import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SANDBOX_CREDENTIALS } from '../../../config';
import { findFreePort } from '../../../scripts/free-port';
import { DEMO_APPLICANTS, startSandboxes, type StartedSandboxes } from '../../../sandbox';
import { aFreshPrefix, testRedisUrl } from '../../helpers/redis';
import { tiedToThisProcess } from '../../helpers/processes';

// npm start in production mode: every connection configured (the test's sandboxes and Redis), so it
// starts no embedded Redis, no sandbox and writes nothing under .data/ that a developer's run uses.
const ROOT = resolve(__dirname, '../../..');
const WEBHOOK_SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const ADMIN_PASSWORD = 'correct-horse';
/** Raises a fatal error inside npm start's own process once it writes FATAL_AFTER_OUTPUT. */
const FATAL_ERROR_PRELOAD = join(ROOT, 'test/helpers/fatal-error-after-output.ts');

interface Started {
  child: ChildProcessWithoutNullStreams;
  output: () => string;
  exited: Promise<number | null>;
}

/** Every process below `pid`, from /proc (Linux), so the test can prove none is left behind. */
function descendantsOf(pid: number): number[] {
  const parentOf = new Map<number, number>();
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const below = (parent: number): number[] =>
    [...parentOf].filter(([, ppid]) => ppid === parent).flatMap(([child]) => [child, ...below(child)]);
  return below(pid);
}

function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

/** Alive and not a zombie (a zombie has ended and only waits to be reaped). */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/**
 * The processes still running a moment after npm start exited, with their command lines. The
 * moment matters: tsx's esbuild helper ends on its own once its parent's pipe closes, not at once.
 */
async function survivorsOf(processes: number[]): Promise<string[]> {
  const deadline = Date.now() + 5_000;
  while (processes.some(isRunning) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  return processes.filter(isRunning).map((pid) => `${pid} ${commandLineOf(pid)}`);
}

async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + 25_000;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

function startConnector(env: Record<string, string>, preload: string[] = []): Started {
  const args = ['--import', 'tsx', ...preload.flatMap((file) => ['--import', file])];
  const child = spawn(...tiedToThisProcess(process.execPath, [...args, join(ROOT, 'scripts/start.ts')]), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production', ...env },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  return { child, output: () => output, exited };
}

function fireDemoWebhook(receiverUrl: string, applicantId: string): Promise<string> {
  return new Promise((done) => {
    const demo = spawn(
      ...tiedToThisProcess(process.execPath, ['--import', 'tsx', 'scripts/demo-webhook.ts', applicantId]),
      {
        cwd: ROOT,
        env: { ...process.env, RECEIVER_URL: receiverUrl, WEBHOOK_SECRET },
      },
    );
    let output = '';
    demo.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    demo.once('exit', () => done(output));
  });
}

describe('npm start orchestration (production mode, everything configured)', () => {
  let sandboxes: StartedSandboxes;
  let env: Record<string, string>;
  let receiverUrl: string;
  const leftovers: number[] = [];

  beforeAll(async () => {
    sandboxes = await startSandboxes();
    const port = await findFreePort();
    receiverUrl = `http://127.0.0.1:${port}`;
    env = {
      PORT: String(port),
      QUEUE_PREFIX: aFreshPrefix('start'),
      REDIS_URL: testRedisUrl(),
      TRAC_BASE_URL: sandboxes.tracUrl,
      TRAC_CLIENT_ID: SANDBOX_CREDENTIALS.trac.clientId,
      TRAC_CLIENT_SECRET: SANDBOX_CREDENTIALS.trac.clientSecret,
      ESR_BASE_URL: sandboxes.esrUrl,
      ESR_CLIENT_ID: SANDBOX_CREDENTIALS.esr.clientId,
      ESR_CLIENT_SECRET: SANDBOX_CREDENTIALS.esr.clientSecret,
      WEBHOOK_SECRETS: WEBHOOK_SECRET,
      ADMIN_USERS: `hr1:${ADMIN_PASSWORD}`,
      SUPPORT_USERS: 'support1:battery-staple',
    };
  });

  afterEach(() => {
    for (const pid of leftovers.splice(0)) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
  });

  afterAll(() => sandboxes.close());

  it('when started, then the receiver and worker run together, a demo webhook is transferred to ESR, and SIGTERM stops every process', async () => {
    const connector = startConnector(env);
    await waitFor('the banner', () =>
      connector.output().includes('is running (production)') ? true : undefined,
    );
    const processes = descendantsOf(connector.child.pid ?? -1);
    leftovers.push(...processes);
    const demo = DEMO_APPLICANTS.find((a) => a.applicantId === 'A-100234');

    const answer = await fireDemoWebhook(receiverUrl, 'A-100234');
    const records = await waitFor('records in ESR', () => {
      const stored = sandboxes.esr.records({ esrApplicantId: demo?.esrApplicantId ?? '' });
      return stored.length > 0 ? stored : undefined;
    });
    connector.child.kill('SIGTERM');
    const code = await connector.exited;

    expect(answer).toContain('202 {"status":"queued","transferId":"R0A-A-100234"}');
    expect(records.length).toBeGreaterThan(0);
    expect(connector.output()).toContain(`Receiver        ${receiverUrl}`);
    expect(connector.output()).not.toContain(WEBHOOK_SECRET);
    expect(connector.output()).not.toContain(ADMIN_PASSWORD);
    expect(code).toBe(0);
    expect(await survivorsOf(processes)).toEqual([]);
  });

  it('when the worker dies unexpectedly, then npm start stops the receiver too and exits non-zero', async () => {
    const connector = startConnector(env);
    await waitFor('the banner', () =>
      connector.output().includes('is running (production)') ? true : undefined,
    );
    const processes = descendantsOf(connector.child.pid ?? -1);
    leftovers.push(...processes);
    const worker = processes.find((pid) => commandLineOf(pid).includes('workers/transfer-worker.ts'));
    expect(worker).toBeDefined();

    process.kill(worker ?? -1, 'SIGKILL');
    const code = await connector.exited;

    expect(code).toBe(1);
    expect(connector.output()).toContain('child process ended unexpectedly');
    expect(await survivorsOf(processes)).toEqual([]);
  });

  it('when npm start itself meets an uncaught exception, then it logs it, stops the receiver and the worker in order and exits 1', async () => {
    const fatal = { FATAL_AFTER_OUTPUT: 'is running (production)', FATAL_ERROR: 'uncaught exception' };
    const connector = startConnector({ ...env, ...fatal }, [FATAL_ERROR_PRELOAD]);
    await waitFor('the banner', () =>
      connector.output().includes('is running (production)') ? true : undefined,
    );
    const processes = descendantsOf(connector.child.pid ?? -1);
    leftovers.push(...processes);

    const code = await connector.exited;

    const story = connector
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { service?: string; message?: string; step?: string })
      .map((l) => `${l.service}: ${l.message}${l.step ? ` (${l.step})` : ''}`);
    const when = (line: string): number => story.indexOf(line);
    expect(code).toBe(1);
    expect(when('start: uncaught exception: stopping')).toBeGreaterThanOrEqual(0);
    // the children stop (each in its own order) before npm start goes on to its next step
    for (const child of [
      'receiver: shutdown step done (redis)',
      'transfer-worker: shutdown step done (redis)',
    ]) {
      expect(when(child)).toBeGreaterThan(when('start: uncaught exception: stopping'));
      expect(when(child)).toBeLessThan(when('start: shutdown step done (receiver and worker)'));
    }
    expect(await survivorsOf(processes)).toEqual([]);
  });
});
