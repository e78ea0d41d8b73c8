import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');

const SETPRIV = '/usr/bin/setpriv';
let canTie: boolean | undefined;

/**
 * The command and arguments to pass to `spawn` so that the child is SIGKILLed when this process
 * ends, however it ends (Linux's parent-death signal, set by util-linux's `setpriv`, kept across
 * its exec). Jest force-kills a worker whose test leaked a child (a hook that timed out half-way
 * through starting servers, say), and no `exit` handler runs then: without this, the orphans live
 * on, and one that shares Jest's output pipe keeps the whole run from ending. Where `setpriv` is
 * missing, the command is returned unchanged.
 */
export function tiedToThisProcess(command: string, args: readonly string[]): [string, string[]] {
  canTie ??= spawnSync(SETPRIV, ['--pdeathsig', 'SIGKILL', '--', 'true']).status === 0;
  return canTie ? [SETPRIV, ['--pdeathsig', 'SIGKILL', '--', command, ...args]] : [command, [...args]];
}

export interface ManagedProcess {
  child: ChildProcess;
  output: string[];
  /** Resolves with the first line of output that contains `text`. */
  waitFor(text: string, timeoutMs?: number): Promise<string>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/** Runs a TypeScript entry point of this project as a real process, capturing its output. */
/** The port of a receiver started with `PORT=0`, from its `receiver listening` log line. */
export async function listeningPortOf(receiver: ManagedProcess): Promise<number> {
  const line = await receiver.waitFor('receiver listening');
  const port = /"url":"http:\/\/[^"]*:(\d+)"/.exec(line)?.[1];
  if (!port) throw new Error(`no port in: ${line}`);
  return Number(port);
}

export function startTsProcess(entry: string, env: NodeJS.ProcessEnv): ManagedProcess {
  const child = spawn(...tiedToThisProcess(process.execPath, ['--import', 'tsx', entry]), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const listeners = new Set<() => void>();
  const collect = (chunk: Buffer) => {
    output.push(...chunk.toString().split('\n').filter(Boolean));
    listeners.forEach((notify) => notify());
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((done) => child.once('exit', () => done()));

  return {
    child,
    output,
    waitFor(text, timeoutMs = 20_000) {
      return new Promise((done, fail) => {
        const check = () => {
          const line = output.find((candidate) => candidate.includes(text));
          if (line !== undefined) {
            listeners.delete(check);
            clearTimeout(timer);
            done(line);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          fail(new Error(`no "${text}" within ${timeoutMs} ms; output:\n${output.join('\n')}`));
        }, timeoutMs);
        listeners.add(check);
        check();
      });
    },
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/** A JSON log line of a process; the fields tests read are typed. */
export interface LogLine {
  level?: string;
  message: string;
  step?: string;
  service?: string;
  [field: string]: unknown;
}

export interface EndedProcess {
  code: number | null;
  /** Its JSON log lines on stdout, in order (other lines left out). */
  lines: LogLine[];
  stderr: string;
}

/** Runs `node <args>` in the project to its exit (SIGKILLed after `killAfterMs`): its code and output. */
export async function runToExit(
  args: readonly string[],
  env: NodeJS.ProcessEnv | undefined,
  killAfterMs: number,
): Promise<EndedProcess> {
  const child = spawn(...tiedToThisProcess(process.execPath, args), { cwd: ROOT, ...(env ? { env } : {}) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
  const code = await new Promise<number | null>((done) => child.once('exit', done));
  clearTimeout(timer);
  const lines = stdout
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as LogLine);
  return { code, lines, stderr };
}
