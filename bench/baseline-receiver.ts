/**
 * The receiver benchmark's baseline: a plain express route that reads the raw body and does only
 * `Queue.add` (same queue name, job options and job size as the connector, same Redis), with no
 * verification, parsing, duplicate check or logging. `PORT`, `REDIS_URL`, `QUEUE_PREFIX`,
 * `TRANSFER_ATTEMPTS`; prints `baseline listening` and runs until SIGTERM.
 */
import { createServer } from 'node:http';
import express from 'express';
import { z } from 'zod';
import { createLogger } from '../src/platform/logger';
import { createFailFastConnection } from '../src/store/redis-connections';
import { createTransferQueue, TRANSFER_JOB_NAME } from '../src/store/transfer-queue';
import { MAX_WEBHOOK_BODY_BYTES } from '../src/webhook/webhook-router';
import { BASELINE_READY } from './ready-lines';

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65_535),
  REDIS_URL: z.string().min(1),
  QUEUE_PREFIX: z.string().min(1),
  TRANSFER_ATTEMPTS: z.coerce.number().int().min(1).default(8),
});

async function main(): Promise<void> {
  const env = EnvSchema.parse(process.env);
  const logger = createLogger({ level: 'warn', service: 'bench-baseline' });
  const redis = createFailFastConnection(env.REDIS_URL, logger);
  const queue = createTransferQueue(redis, env.QUEUE_PREFIX, env.TRANSFER_ATTEMPTS, logger);
  await queue.waitUntilReady();

  const app = express();
  app.post(
    '/webhooks/trac',
    express.raw({ type: () => true, limit: MAX_WEBHOOK_BODY_BYTES }),
    async (req, res) => {
      // the delivery id stands in for the applicant: one job per request, as in the receiver run
      const webhookId = req.get('webhook-id') ?? 'missing';
      const data = {
        organisationCode: 'R0A',
        applicantId: webhookId,
        webhookId,
        receivedAt: new Date().toISOString(),
        trigger: 'webhook' as const,
      };
      await queue.add(TRANSFER_JOB_NAME, data, { jobId: `R0A-${webhookId}` });
      res.status(202).json({ status: 'queued', transferId: `R0A-${webhookId}` });
    },
  );

  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(env.PORT, '127.0.0.1', resolve));
  console.log(BASELINE_READY);
  process.once('SIGTERM', () => {
    server.close();
    server.closeIdleConnections();
    void queue
      .close()
      .then(() => redis.quit())
      .finally(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  console.error(`bench baseline receiver: ${(error as Error).message}`);
  process.exit(1);
});
