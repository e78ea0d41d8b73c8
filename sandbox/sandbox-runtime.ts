import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What a sandbox takes from the outside world, injectable so tests decide time and luck instead
 * of waiting for them.
 */
export interface SandboxRuntimeOptions {
  /** Current time, epoch milliseconds; drives token expiry, key expiry and "today". Default `Date.now`. */
  now?: () => number;
  /** Uniform in [0, 1); decides which requests get an injected fault. Default `Math.random`. */
  random?: () => number;
  /** Waits the injected latency, milliseconds. Default a real (unref'd) timer; tests may pass a gate. */
  delay?: (ms: number) => Promise<void>;
}

export interface SandboxRuntime {
  now: () => number;
  random: () => number;
  delay: (ms: number) => Promise<void>;
}

/** A timer that never keeps the process alive on its own: a closed sandbox must not hold jest open. */
export async function realDelay(ms: number): Promise<void> {
  await sleep(ms, undefined, { ref: false });
}

export function runtimeFrom(options: SandboxRuntimeOptions): SandboxRuntime {
  return {
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    delay: options.delay ?? realDelay,
  };
}

/** Waits the latency only when there is one, so a fault-free sandbox answers without a timer tick. */
export async function waitLatency(runtime: SandboxRuntime, ms: number): Promise<void> {
  if (ms > 0) await runtime.delay(ms);
}
