import type { Logger } from './logger';

export type ShutdownStep = { name: string; run: () => Promise<unknown> };

/**
 * Runs the steps in order once, on SIGINT or SIGTERM (or when called), each bounded by a deadline
 * so a hung dependency cannot keep the process alive; then exits 0 (1 if a step failed).
 */
export function installShutdown(
  logger: Logger,
  steps: ShutdownStep[],
  deadlineMs = 20_000,
): () => Promise<void> {
  let running: Promise<void> | undefined;
  const shutdown = (): Promise<void> => {
    running ??= (async () => {
      let failed = false;
      for (const step of steps) {
        try {
          await Promise.race([
            step.run(),
            new Promise((_, reject) =>
              setTimeout(() => reject(new Error('deadline passed')), deadlineMs).unref(),
            ),
          ]);
          logger.info('shutdown step done', { step: step.name });
        } catch (error) {
          failed = true;
          logger.error('shutdown step failed', { step: step.name, error: (error as Error).message });
        }
      }
      process.exit(failed ? 1 : 0);
    })();
    return running;
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
  return shutdown;
}
