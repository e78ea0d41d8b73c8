import { setMaxListeners } from 'node:events';

/**
 * What one benchmark run started (processes, servers, Redis, temporary files), stopped in reverse
 * order whatever happens, and the run's time bound: `signal` aborts when the time is up or on
 * Ctrl-C, and every loop of the benchmark checks it.
 */
export interface RunScope {
  readonly signal: AbortSignal;
  /** Registers a stop step; steps run last-registered first. */
  defer(name: string, stop: () => Promise<unknown>): void;
  /** Runs every stop step once, each bounded, reporting failures without throwing. */
  close(): Promise<void>;
}

/** A stop step that hangs must not keep the benchmark alive. */
const STOP_STEP_TIMEOUT_MS = 30_000;

function bounded(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

export function createRunScope(maxMinutes: number): RunScope {
  const controller = new AbortController();
  // every paced lane and poll waits on this signal at once
  setMaxListeners(200, controller.signal);
  const steps: { name: string; stop: () => Promise<unknown> }[] = [];
  const timer = setTimeout(
    () =>
      controller.abort(
        new Error(`benchmark aborted: still running after ${maxMinutes} minutes (--max-minutes)`),
      ),
    maxMinutes * 60_000,
  );
  timer.unref();
  // `on`, not `once`: a second Ctrl-C (or a wrapper relaying the signal) must not kill this process
  // halfway through stopping what it started
  const interrupt = () => controller.abort(new Error('benchmark interrupted (signal)'));
  process.on('SIGINT', interrupt);
  process.on('SIGTERM', interrupt);
  let closing: Promise<void> | undefined;

  async function runSteps(): Promise<void> {
    clearTimeout(timer);
    for (const step of steps.reverse()) {
      try {
        await bounded(step.stop(), STOP_STEP_TIMEOUT_MS);
      } catch (error) {
        console.error(`bench: stopping ${step.name} failed: ${(error as Error).message}`);
      }
    }
    process.removeListener('SIGINT', interrupt);
    process.removeListener('SIGTERM', interrupt);
  }

  return {
    signal: controller.signal,
    defer: (name, stop) => void steps.push({ name, stop }),
    close: () => (closing ??= runSteps()),
  };
}

/** Resolves after `ms`, or rejects at once with the abort reason when the run is aborted. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}
