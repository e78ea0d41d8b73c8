import type { RestartableRedis, WorkerFleet } from './connector-processes';

/**
 * Kills a worker process every `everyMs` (at the earliest once it has served `everyMs`, see
 * WorkerFleet) until stopped or `until` (epoch ms), and restarts Redis
 * once when triggered. Every loop is bounded in time and count; failures to restart are collected
 * as errors of the run rather than thrown into the middle of it.
 */
export class ChaosLoop {
  readonly errors: string[] = [];
  private stopped = false;
  private tasks: Promise<void>[] = [];

  start(fleet: WorkerFleet, everyMs: number, until: number, log: (line: string) => void): void {
    const maxKills = Math.ceil((until - Date.now()) / everyMs) + 1;
    this.tasks.push(
      (async () => {
        let lastKill = Date.now();
        for (let n = 0; n < maxKills && !this.stopped; n += 1) {
          // the pace is set from kill to kill, whatever the restart costs
          await this.pause(everyMs - (Date.now() - lastKill), until);
          if (this.stopped || Date.now() >= until) break;
          try {
            if (await fleet.killAndRestart(everyMs, until, () => this.stopped)) lastKill = Date.now();
          } catch (error) {
            this.errors.push(`worker restart failed: ${(error as Error).message.split('\n')[0] ?? ''}`);
          }
        }
        log(`  worker kills: ${fleet.kills}`);
      })(),
    );
  }

  /** Restarts Redis the first time `trigger()` is called; later calls do nothing. */
  armRedisRestart(redis: RestartableRedis, downMs: number, log: (line: string) => void): { trigger(): void } {
    let triggered = false;
    return {
      trigger: () => {
        if (triggered || this.stopped) return;
        triggered = true;
        log('  restarting Redis');
        this.tasks.push(
          redis.restart(downMs).then(
            () => log('  Redis is back'),
            (error: Error) => void this.errors.push(`Redis restart failed: ${error.message}`),
          ),
        );
      },
    };
  }

  /** Ends the kill loop and waits for a restart in progress to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.tasks);
  }

  private async pause(ms: number, until: number): Promise<void> {
    const end = Math.min(Date.now() + Math.max(0, ms), until);
    while (!this.stopped && Date.now() < end) {
      await new Promise((resolve) => setTimeout(resolve, Math.min(100, Math.max(1, end - Date.now()))));
    }
  }
}
