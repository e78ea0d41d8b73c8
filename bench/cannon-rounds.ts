import type { CpuReading } from './process-stats';
import { round } from './process-stats';
import type { CannonFigures } from './receiver-phase';

/** What one saturated round of an app gave. */
export interface RoundFigures {
  requestsPerSecond: number;
  latencyP99Ms: number;
  /** The app's process and Redis, CPU ms per request. */
  cpuMsPerRequest: number;
  otherCores: number;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? Number.NaN;
};

/** CPU per process over several runs: ms per request weighted by requests, cores averaged. */
function combineCpu(runs: readonly CannonFigures[]): CpuReading {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const names = [...new Set(runs.flatMap((run) => Object.keys(run.cpu.msPerUnit)))];
  const coreNames = [...new Set(runs.flatMap((run) => Object.keys(run.cpu.cores)))];
  const weighted = (name: string) =>
    runs.reduce((sum, run) => sum + (run.cpu.msPerUnit[name] ?? 0) * run.requests, 0) / Math.max(1, requests);
  const averaged = (name: string) =>
    runs.reduce((sum, run) => sum + (run.cpu.cores[name] ?? 0), 0) / Math.max(1, runs.length);
  return {
    msPerUnit: Object.fromEntries(names.map((name) => [name, round(weighted(name), 3)])),
    cores: Object.fromEntries(coreNames.map((name) => [name, round(averaged(name), 2)])),
  };
}

/**
 * Saturated rounds of one app as one figure: requests and errors added up, throughput over the
 * whole time, CPU per request weighted by requests, latency the median round's (autocannon gives
 * percentiles per run, not the samples), the maximum the worst; each round listed as well.
 */
export function combineRounds(runs: readonly CannonFigures[]): CannonFigures & { rounds: RoundFigures[] } {
  const requests = runs.reduce((sum, run) => sum + run.requests, 0);
  const seconds = runs.reduce((sum, run) => sum + run.requests / Math.max(1, run.requestsPerSecond), 0);
  const cpu = combineCpu(runs);
  const commands = runs.reduce((sum, run) => sum + run.redisCommandsPerRequest * run.requests, 0);
  const byCommand = Object.fromEntries(
    [...new Set(runs.flatMap((run) => Object.keys(run.redisCommandsPerRequestByCommand)))].map((command) => [
      command,
      round(
        runs.reduce(
          (sum, run) => sum + (run.redisCommandsPerRequestByCommand[command] ?? 0) * run.requests,
          0,
        ) / Math.max(1, requests),
        2,
      ),
    ]),
  );
  return {
    requestsPerSecond: round(requests / Math.max(1e-9, seconds)),
    latencyP50Ms: median(runs.map((run) => run.latencyP50Ms)),
    latencyP99Ms: median(runs.map((run) => run.latencyP99Ms)),
    latencyMaxMs: Math.max(...runs.map((run) => run.latencyMaxMs)),
    requests,
    non2xx: runs.reduce((sum, run) => sum + run.non2xx, 0),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpu,
    redisCommandsPerRequest: round(commands / Math.max(1, requests), 2),
    redisCommandsPerRequestByCommand: byCommand,
    rounds: runs.map((run) => ({
      requestsPerSecond: run.requestsPerSecond,
      latencyP99Ms: run.latencyP99Ms,
      cpuMsPerRequest: round((run.cpu.msPerUnit.http ?? 0) + (run.cpu.msPerUnit.redis ?? 0), 3),
      otherCores: run.cpu.cores.otherProcesses ?? 0,
    })),
  };
}
