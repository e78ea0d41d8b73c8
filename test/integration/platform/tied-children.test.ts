import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { tiedToThisProcess } from '../../helpers/processes';

/** Alive and not a zombie waiting to be reaped. */
function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/.test(stat);
  } catch {
    return false;
  }
}

async function until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A process that starts `command args` and prints its pid: the part a Jest worker plays when a
 * test starts servers.
 */
function aParentOf(command: string, args: string[]) {
  const script = `
    const { spawn } = require('node:child_process');
    const child = spawn(process.argv[1], JSON.parse(process.argv[2]), { stdio: 'ignore' });
    console.log(child.pid);
    setInterval(() => undefined, 1000);`;
  const parent = spawn(process.execPath, ['-e', script, command, JSON.stringify(args)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const childPid = new Promise<number>((resolve) =>
    parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim()))),
  );
  return { parent, childPid };
}

describe('children the tests start', () => {
  it('when the process that started a tied child is SIGKILLed, then the child is killed too', async () => {
    const { parent, childPid } = aParentOf(...tiedToThisProcess('sleep', ['60']));
    const pid = await childPid;
    await until('the child did not start', () => isRunning(pid));

    parent.kill('SIGKILL'); // no exit handler runs: what Jest does to a worker that will not end

    await until('the orphan is still running', () => !isRunning(pid));
  });

  it('when a child is not tied, then it outlives its parent (what the tie is for)', async () => {
    const { parent, childPid } = aParentOf('sleep', ['60']);
    const pid = await childPid;
    await until('the child did not start', () => isRunning(pid));

    parent.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 300));

    try {
      expect(isRunning(pid)).toBe(true);
    } finally {
      process.kill(pid, 'SIGKILL');
    }
  });
});
