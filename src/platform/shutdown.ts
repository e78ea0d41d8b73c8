import { describeError } from './error-handler';
import type { Logger } from './logger';

export interface ShutdownStep {
  name: string;
  run: () => Promise<unknown>;
  /** How long this step may take before the sequence moves on, ms (default: the sequence's). */
  deadlineMs?: number;
}

/**
 * What a process started, stopped once and in reverse order of start (HTTP before the queue, the
 * queue before Redis), whatever triggers the stop: a signal, a failed start-up, a dead child. Each
 * step is bounded by a deadline so a hung dependency cannot keep the process alive; then the
 * process exits (non-zero if asked to or if a step failed).
 */
export class ShutdownSequence {
  private readonly steps: ShutdownStep[] = [];
  private stopping: Promise<void> | undefined;
  private exitCode = 0;

  constructor(
    private readonly logger: Logger,
    private readonly defaultDeadlineMs = 20_000,
  ) {}

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Registers what was just started: it stops before everything registered earlier. */
  onStop(step: ShutdownStep): void {
    this.steps.unshift(step);
  }

  /**
   * Runs the steps once. Asked again while stopping (a fatal error during a signal's shutdown), it
   * does not start over, but a non-zero exit code still counts.
   */
  stop(exitCode = 0): Promise<void> {
    this.exitCode ||= exitCode;
    this.stopping ??= this.runSteps();
    return this.stopping;
  }

  /** SIGINT and SIGTERM stop the sequence; a second signal while stopping is only logged. */
  handleSignals(): this {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.on(signal, () => {
        if (this.isStopping) this.logger.info('already stopping: waiting for in-flight work', { signal });
        else {
          this.logger.info('stopping', { signal });
          void this.stop(0);
        }
      });
    }
    return this;
  }

  private async runSteps(): Promise<void> {
    for (const step of this.steps) {
      try {
        await withDeadline(step.run(), step.deadlineMs ?? this.defaultDeadlineMs);
        this.logger.info('shutdown step done', { step: step.name });
      } catch (error) {
        this.exitCode ||= 1;
        this.logger.error('shutdown step failed', { step: step.name, error: describeError(error) });
      }
    }
    process.exit(this.exitCode);
  }
}

function withDeadline(work: Promise<unknown>, ms: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`not done within ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, expired]).finally(() => clearTimeout(timer));
}
