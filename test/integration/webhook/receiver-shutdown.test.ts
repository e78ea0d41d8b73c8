import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest, type ClientRequest } from 'node:http';
import { resolve } from 'node:path';
import { findFreePort } from '../../../scripts/free-port';
import { aFreshPrefix, testRedisUrl } from '../../helpers/redis';
import { tiedToThisProcess } from '../../helpers/processes';
import { aSignedWebhook, TEST_WEBHOOK_SECRET } from '../../helpers/webhooks';

const ROOT = resolve(__dirname, '../../..');

interface RunningReceiver {
  child: ChildProcess;
  port: number;
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

/** `npm run receiver` as a real process against the test Redis; resolves once it listens. */
async function startReceiver(): Promise<RunningReceiver> {
  const port = await findFreePort();
  const child = spawn(...tiedToThisProcess(process.execPath, ['--import', 'tsx', 'src/server.ts']), {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      REDIS_URL: testRedisUrl(),
      QUEUE_PREFIX: aFreshPrefix('shutdown'),
      WEBHOOK_SECRETS: TEST_WEBHOOK_SECRET,
      ADMIN_USERS: 'hr-admin:password-1',
      SUPPORT_USERS: 'support:password-2',
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stderr?.pipe(process.stderr); // a pipe, not Jest's own stderr: see tiedToThisProcess
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  await new Promise<void>((listening, failed) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      for (const line of chunk
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('{'))) {
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (entry.message === 'receiver listening') listening();
      }
    });
    void exited.then((code) => failed(new Error(`receiver exited with ${code} before listening`)));
  });
  return { child, port, lines, exited };
}

/** Sends the headers with `Expect: 100-continue`: once `continue` arrives, the server holds the request. */
function startDelivery(port: number, headers: Record<string, string>) {
  let answered!: Promise<{ status: number; body: string }>;
  const inFlight = new Promise<ClientRequest>((held) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/webhooks/trac',
      headers: { ...headers, expect: '100-continue' },
    });
    answered = new Promise((done, failed) => {
      req.on('response', (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => done({ status: res.statusCode ?? 0, body }));
      });
      req.on('error', failed);
    });
    req.on('continue', () => held(req));
    req.flushHeaders();
  });
  return { inFlight, answered: () => answered };
}

describe('receiver shutdown', () => {
  it('when SIGTERM arrives during a delivery, then that delivery is still answered 202 and the process exits 0 after closing in order', async () => {
    const receiver = await startReceiver();
    const signed = aSignedWebhook();
    const delivery = startDelivery(receiver.port, signed.headers);
    const req = await delivery.inFlight;

    receiver.child.kill('SIGTERM');
    req.end(signed.payload);

    const answer = await delivery.answered();
    expect(answer.status).toBe(202);
    expect(JSON.parse(answer.body)).toMatchObject({ status: 'queued' });
    expect(await receiver.exited).toBe(0);
    const steps = receiver.lines.filter((l) => l.message === 'shutdown step done').map((l) => l.step);
    expect(steps).toEqual(['http server', 'transfer queue', 'redis']);
  });
});
