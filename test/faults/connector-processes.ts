import { startEmbeddedRedis, type EmbeddedRedis } from '../../scripts/embedded-redis';
import { startTsProcess, type ManagedProcess } from '../helpers/processes';

/** Every byte a process wrote to stdout and stderr, kept raw so no token is split at a chunk edge. */
export interface CapturedProcess {
  name: string;
  process: ManagedProcess;
  chunks: Buffer[];
}

/** A worker starts in about 2 s on an idle 2-core machine; under a full CI load it can take far longer. */
const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 5_000;

/** Starts an entry point and captures all of its output from the first byte. */
export function startCaptured(name: string, entry: string, env: NodeJS.ProcessEnv): CapturedProcess {
  const managed = startTsProcess(entry, env);
  const chunks: Buffer[] = [];
  managed.child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  managed.child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { name, process: managed, chunks };
}

export function isRunning(captured: CapturedProcess): boolean {
  const { child } = captured.process;
  return child.exitCode === null && child.signalCode === null;
}

/** SIGTERM, then SIGKILL if it has not exited within the grace period. */
export async function stopCaptured(captured: CapturedProcess): Promise<void> {
  if (!isRunning(captured)) return;
  const timer = setTimeout(() => captured.process.child.kill('SIGKILL'), STOP_GRACE_MS);
  await captured.process.kill('SIGTERM');
  clearTimeout(timer);
}

interface WorkerSlot {
  worker: CapturedProcess;
  /** Settles when the worker printed `worker-ready` (or failed to within the timeout). */
  ready: Promise<void>;
  /** When it became ready (epoch ms); undefined while it starts. */
  readyAt?: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Worker processes (`test/helpers/worker-process.ts`: the real wiring with a 2 s lock and a 1 s
 * stalled check) in fixed slots. `killAndRestart` SIGKILLs the worker that has served longest,
 * once it has served at least `minUptimeMs` since it became ready, and starts a replacement without
 * waiting for it. On a 2-core machine a worker takes 2 to 4 s to start: without the minimum
 * uptime, kills every 3 s would leave the workers starting most of the time and processing
 * almost never, which tests start-up rather than recovery.
 */
export class WorkerFleet {
  readonly started: CapturedProcess[] = [];
  /** Replacements that never became ready, with the reason. */
  readonly startFailures: string[] = [];
  private readonly slots: WorkerSlot[] = [];
  kills = 0;

  constructor(
    private readonly size: number,
    private readonly env: NodeJS.ProcessEnv,
    private readonly entry = 'test/helpers/worker-process.ts',
  ) {}

  async start(): Promise<void> {
    for (let slot = 0; slot < this.size; slot += 1) this.slots[slot] = this.spawn();
    await Promise.all(
      this.slots.map((slot) => slot.worker.process.waitFor('worker-ready', READY_TIMEOUT_MS)),
    );
  }

  /**
   * Kills the longest-serving ready worker once it has served `minUptimeMs`; gives up at `until`
   * or when `cancelled()`. True when a worker was killed.
   */
  async killAndRestart(minUptimeMs: number, until: number, cancelled: () => boolean): Promise<boolean> {
    while (Date.now() < until && !cancelled()) {
      const ready = this.slots.filter((slot) => slot.readyAt !== undefined && isRunning(slot.worker));
      const victim = ready.sort((a, b) => (a.readyAt ?? 0) - (b.readyAt ?? 0))[0];
      if (victim && Date.now() - (victim.readyAt ?? 0) >= minUptimeMs) {
        await victim.worker.process.kill('SIGKILL');
        this.kills += 1;
        this.slots[this.slots.indexOf(victim)] = this.spawn();
        return true;
      }
      await sleep(50);
    }
    return false;
  }

  /** Restarts any slot whose process is gone, then waits until every worker is ready. */
  async ensureAllRunning(): Promise<void> {
    for (let index = 0; index < this.size; index += 1) {
      const slot = this.slots[index];
      if (!slot || !isRunning(slot.worker)) this.slots[index] = this.spawn();
    }
    await Promise.all(this.slots.map((slot) => slot.ready));
  }

  async stopAll(): Promise<void> {
    await Promise.all(this.started.map(stopCaptured));
  }

  private spawn(): WorkerSlot {
    const worker = startCaptured(`worker-${this.started.length + 1}`, this.entry, this.env);
    this.started.push(worker);
    const slot: WorkerSlot = { worker, ready: Promise.resolve() };
    slot.ready = worker.process.waitFor('worker-ready', READY_TIMEOUT_MS).then(
      () => void (slot.readyAt = Date.now()),
      (error: Error) => void this.startFailures.push(`${worker.name}: ${error.message.split('\n')[0] ?? ''}`),
    );
    return slot;
  }
}

/** A private redis-server on a fixed port and data directory, so that it can come back as the same server. */
export class RestartableRedis {
  restarts = 0;
  private constructor(
    private current: EmbeddedRedis | undefined,
    readonly url: string,
    readonly port: number,
    private readonly dataDir: string,
  ) {}

  static async start(dataDir: string): Promise<RestartableRedis> {
    const redis = await startEmbeddedRedis({ dataDir });
    return new RestartableRedis(redis, redis.url, redis.port, dataDir);
  }

  /** SIGTERM (redis-server writes its AOF on the way out), a pause, then the same port and directory. */
  async restart(downMs: number): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
    await new Promise((resolve) => setTimeout(resolve, downMs));
    this.current = await startEmbeddedRedis({ dataDir: this.dataDir, port: this.port });
    this.restarts += 1;
  }

  async stop(): Promise<void> {
    await this.current?.stop();
    this.current = undefined;
  }
}
