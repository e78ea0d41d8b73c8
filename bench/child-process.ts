import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { sleep } from './run-scope';

const ROOT = resolve(__dirname, '..');

export interface BenchChild {
  name: string;
  pid: number;
  /** Where the child's stdout and stderr go. */
  logFile: string;
  /** Resolves with the first output line containing `text`; rejects if the child exits first. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  /** SIGTERM (the entry points shut down in order), SIGKILL after `graceMs`; resolves on exit. */
  stop(graceMs?: number): Promise<void>;
}

function tailOf(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no output)';
  }
}

/**
 * Runs a TypeScript entry point of this project as its own process (`node --import tsx`), like
 * test/helpers/processes.ts, but with its output going to a file: the benchmark's own event loop
 * (autocannon, the bare loop) must not spend time reading tens of thousands of log lines, and its
 * memory must not hold them.
 */
export function startTsEntry(
  name: string,
  entry: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
  /** Extra `node` flags, e.g. `--cpu-prof` (not allowed in NODE_OPTIONS). */
  nodeArgs: readonly string[] = [],
): BenchChild {
  const fd = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', entry], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', fd, fd],
  });
  closeSync(fd);
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  console.error(`bench: started ${name} (pid ${child.pid}, output in ${logFile})`);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const running = () => child.exitCode === null && child.signalCode === null;
  const killOnExit = () => void (running() && child.kill('SIGKILL'));
  process.once('exit', killOnExit);

  return {
    name,
    pid: child.pid,
    logFile,
    async waitFor(text, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      const never = new AbortController().signal;
      for (;;) {
        const line = readFileSync(logFile, 'utf8')
          .split('\n')
          .find((candidate) => candidate.includes(text));
        if (line) return line;
        if (!running()) throw new Error(`${name} exited before "${text}":\n${tailOf(logFile)}`);
        if (Date.now() > deadline)
          throw new Error(`${name}: no "${text}" within ${timeoutMs} ms:\n${tailOf(logFile)}`);
        await sleep(100, never);
      }
    },
    async stop(graceMs = 25_000) {
      process.removeListener('exit', killOnExit);
      if (!running()) return;
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(kill);
    },
  };
}
