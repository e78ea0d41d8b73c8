import { join, resolve } from 'node:path';
import { aProductionEnv } from '../../helpers/production-env';
import { runToExit, type EndedProcess, type LogLine } from '../../helpers/processes';
import { aFreshPrefix } from '../../helpers/redis';

const ROOT = resolve(__dirname, '../../..');
/** Raises the fatal error inside the real, unchanged entry point once it logs that it runs. */
const FATAL_ERROR_PRELOAD = join(ROOT, 'test/helpers/fatal-error-after-output.ts');

/** Runs an entry point that meets `fatalError` once it has written `readyLine`, to its exit. */
async function runUntilFatal(entry: string, readyLine: string, fatalError: string): Promise<EndedProcess> {
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    NODE_ENV: 'production',
    ...(await aProductionEnv(aFreshPrefix('fatal'))),
    FATAL_AFTER_OUTPUT: readyLine,
    FATAL_ERROR: fatalError,
  };
  return runToExit(['--import', 'tsx', '--import', FATAL_ERROR_PRELOAD, entry], env, 25_000);
}

/**
 * What the process did after it started: the fatal error's line, then its shutdown steps (other
 * lines, such as a sweep that found Trac unreachable, are left out).
 */
function afterStart(lines: LogLine[], readyLine: string): string[] {
  const started = lines.findIndex((l) => l.message === readyLine);
  return lines
    .slice(started + 1)
    .filter((l) => l.step ?? l.message.endsWith(': stopping'))
    .map((l) => (l.step ? `${l.message}: ${l.step}` : l.message));
}

describe('a fatal error in a running entry point', () => {
  it.each([
    ['uncaught exception', 'a fault nobody caught (raised by the test)'],
    ['unhandled rejection', 'a rejection nobody handled (raised by the test)'],
  ])(
    'when the receiver (src/server.ts) meets an %s, then it logs it, closes HTTP, the queue and Redis in order and exits 1',
    async (fatalError, errorMessage) => {
      const ended = await runUntilFatal('src/server.ts', 'receiver listening', fatalError);

      expect(ended.code).toBe(1);
      expect(afterStart(ended.lines, 'receiver listening')).toEqual([
        `${fatalError}: stopping`,
        'shutdown step done: http server',
        'shutdown step done: transfer queue',
        'shutdown step done: redis',
      ]);
      expect(ended.lines.find((l) => l.level === 'error')).toMatchObject({
        service: 'receiver',
        error: {
          type: 'Error',
          message: errorMessage,
          stack: expect.stringContaining(errorMessage) as unknown,
        },
      });
      expect(ended.stderr).toBe('');
    },
  );

  it.each([
    ['uncaught exception', 'a fault nobody caught (raised by the test)'],
    ['unhandled rejection', 'a rejection nobody handled (raised by the test)'],
  ])(
    'when the worker (workers/transfer-worker.ts) meets an %s, then it logs it, closes its parts in reverse start order, then Redis, and exits 1',
    async (fatalError, errorMessage) => {
      const ended = await runUntilFatal('workers/transfer-worker.ts', 'transfer worker started', fatalError);

      expect(ended.code).toBe(1);
      expect(afterStart(ended.lines, 'transfer worker started')).toEqual([
        `${fatalError}: stopping`,
        'shutdown step done: worker health',
        'shutdown step done: compaction worker',
        'shutdown step done: sweep worker',
        'shutdown step done: preview worker',
        'shutdown step done: digest worker',
        'shutdown step done: worker',
        'shutdown step done: redis',
      ]);
      expect(ended.lines.find((l) => l.level === 'error')).toMatchObject({
        service: 'transfer-worker',
        error: {
          type: 'Error',
          message: errorMessage,
          stack: expect.stringContaining(errorMessage) as unknown,
        },
      });
      expect(ended.stderr).toBe('');
    },
  );
});
