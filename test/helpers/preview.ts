import { PassThrough } from 'node:stream';
import type { Worker } from 'bullmq';
import { createLogger } from '../../src/platform/logger';
import type { Preview } from '../../src/preview/preview';
import { startPreviewWorker, type PreviewWorkerTuning } from '../../workers/start-preview-worker';
import type { TestApp } from './app';
import { asCaller, bodyOf, HR_ADMIN, withAdminTestApp } from './admin';
import { builtInBeforeAll } from './built-in-before-all';
import { aRedisClient } from './redis';

export interface PreviewHarnessOptions {
  tracUrl: string;
  esrUrl: string;
  /** Attempts of a preview's job (`TRANSFER_ATTEMPTS`). Default 3. */
  attempts?: number;
  esrRateLimitPerSecond?: number;
  tuning?: PreviewWorkerTuning;
}

export interface PreviewHarness {
  t: TestApp;
  worker: Worker;
  /** Every line the preview worker logged. */
  logs: string[];
  /** `POST /admin/match-previews` as the HR admin; the preview id. */
  start(body: Record<string, unknown>): Promise<string>;
  /** `GET /admin/match-previews/{id}` until it is completed or failed. */
  waitUntilFinished(previewId: string, timeoutMs?: number): Promise<Preview>;
}

/** The admin app and a preview worker on one fresh prefix, against the given sandboxes (per file). */
export function withPreviewHarness(options: () => PreviewHarnessOptions): PreviewHarness {
  let opts: PreviewHarnessOptions | undefined;
  const t = withAdminTestApp(() => {
    opts = options();
    return { env: { TRANSFER_ATTEMPTS: String(opts.attempts ?? 3) } };
  });
  let built: { worker: Worker; close(): Promise<void> } | undefined;
  const logs: string[] = [];
  beforeAll(() => {
    const { tracUrl, esrUrl, esrRateLimitPerSecond = 1000, tuning } = opts ?? options();
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(...chunk.toString().split('\n').filter(Boolean)));
    const connection = aRedisClient();
    const worker = startPreviewWorker(
      {
        queuePrefix: t.prefix,
        organisationsFile: 'config/organisations.json',
        esrRateLimitPerSecond,
        httpTimeoutMs: 2000,
        trac: { baseUrl: tracUrl, clientId: 'dit-connector', clientSecret: 'trac-sandbox-secret' },
        esr: { baseUrl: esrUrl, clientId: 'dit-connector', clientSecret: 'esr-sandbox-secret' },
      },
      connection,
      createLogger({ stream, level: 'debug' }),
      { backoff: { baseMs: 50, maxMs: 200 }, ...tuning },
    );
    built = { worker, close: async () => void (await worker.close(), await connection.quit()) };
  });
  afterAll(async () => {
    await built?.close();
    built = undefined;
  });

  const harness: Omit<PreviewHarness, 't' | 'worker'> = {
    logs,
    async start(body) {
      const answer = await asCaller(t, HR_ADMIN).post('/admin/match-previews').send(body);
      if (answer.status !== 202) throw new Error(`start: ${answer.status} ${JSON.stringify(answer.body)}`);
      return bodyOf<{ previewId: string }>(answer).previewId;
    },
    async waitUntilFinished(previewId, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      while (Date.now() < deadline) {
        const answer = await asCaller(t, HR_ADMIN).get(`/admin/match-previews/${previewId}`);
        const preview = bodyOf<Preview>(answer);
        if (preview.state === 'completed' || preview.state === 'failed') return preview;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`preview ${previewId} did not finish within ${timeoutMs} ms`);
    },
  };
  const worker = builtInBeforeAll<Worker>('withPreviewHarness()', () => built?.worker);
  return { ...harness, t, worker };
}
