import { readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc reports CPU time in these ticks (100 on every mainstream kernel). */
const TICKS_PER_SECOND = 100;

/** Resident set size of a process, MiB (`VmRSS` of /proc/<pid>/status). */
export function rssMiB(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for process ${pid}`);
  return Number(match[1]) / 1024;
}

/** User plus system CPU time a process has used so far, seconds (/proc/<pid>/stat). */
export function cpuSeconds(pid: number): number {
  if (pid === process.pid) {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1e6;
  }
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // the command name may contain spaces: fields are counted after its closing parenthesis
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const userTicks = Number(fields[11]);
  const systemTicks = Number(fields[12]);
  return (userTicks + systemTicks) / TICKS_PER_SECOND;
}

/** CPU time all cores have spent busy so far, seconds (/proc/stat: everything but idle and iowait). */
export function machineBusySeconds(): number {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const ticks = line.trim().split(/\s+/).slice(1).map(Number);
  const total = ticks.slice(0, 8).reduce((sum, value) => sum + value, 0);
  const idle = (ticks[3] ?? 0) + (ticks[4] ?? 0);
  return (total - idle) / TICKS_PER_SECOND;
}

/** CPU used by named processes over one phase. */
export interface CpuReading {
  /**
   * Cores busy per process, averaged over the phase (1.0 = one core saturated), plus
   * `otherProcesses`: the rest of the machine (other users' jobs, the kernel) over the same time.
   */
  cores: Record<string, number>;
  /**
   * CPU milliseconds each process spent per unit of work (webhook, transfer): unlike throughput,
   * this hardly moves when other jobs share the machine.
   */
  msPerUnit: Record<string, number>;
}

export interface CpuMeter {
  read(units: number): CpuReading;
}

export function startCpuMeter(pids: Record<string, number>): CpuMeter {
  const startedAt = process.hrtime.bigint();
  const machineBefore = machineBusySeconds();
  const before = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));
  return {
    read(units) {
      const seconds = Number(process.hrtime.bigint() - startedAt) / 1e9;
      const used = Object.entries(pids).map(
        ([name, pid]) => [name, cpuSeconds(pid) - (before[name] ?? 0)] as const,
      );
      const ours = used.reduce((sum, [, cpu]) => sum + cpu, 0);
      const others = Math.max(0, machineBusySeconds() - machineBefore - ours);
      return {
        cores: {
          ...Object.fromEntries(used.map(([name, cpu]) => [name, round(cpu / seconds, 2)])),
          otherProcesses: round(others / seconds, 2),
        },
        msPerUnit: Object.fromEntries(
          used.map(([name, cpu]) => [name, round((cpu * 1000) / Math.max(1, units), 2)]),
        ),
      };
    },
  };
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
