import { runToExit, type EndedProcess, type LogLine } from '../../helpers/processes';

const FIXTURE = 'test/helpers/process-with-fatal-error.ts';

/** Runs the fixture with one scenario to its end: its exit code and its log lines, in order. */
function runScenario(scenario: string): Promise<EndedProcess> {
  return runToExit(['--import', 'tsx', FIXTURE, scenario], undefined, 20_000);
}

/** The log messages in order, each shutdown step named. */
function storyOf(lines: LogLine[]): string[] {
  return lines.map((l) => (l.step ? `${l.message}: ${l.step}` : l.message));
}

describe('handleProcessErrors', () => {
  it.each([
    ['an uncaught exception', 'uncaught exception', 'a fault nobody caught'],
    ['an unhandled rejection', 'unhandled rejection', 'a rejection nobody handled'],
  ])(
    'when %s happens, then it is logged once with its stack, the steps stop in order and the process exits 1',
    async (_label, scenario, errorMessage) => {
      const ended = await runScenario(scenario);

      expect(ended.code).toBe(1);
      expect(storyOf(ended.lines)).toEqual([
        'fixture started',
        `${scenario}: stopping`,
        'shutdown step done: http server',
        'shutdown step done: redis',
      ]);
      const fatal = ended.lines[1];
      expect(fatal).toMatchObject({
        level: 'error',
        error: {
          type: 'Error',
          message: errorMessage,
          stack: expect.stringContaining(errorMessage) as unknown,
        },
      });
      // the handler answers for it: Node's own report of an uncaught error is not printed
      expect(ended.stderr).toBe('');
    },
  );

  it('when a second fatal error happens while stopping, then it is logged and the steps still run once', async () => {
    const ended = await runScenario('second fatal error while stopping');

    expect(ended.code).toBe(1);
    expect(storyOf(ended.lines)).toEqual([
      'fixture started',
      'uncaught exception: stopping',
      'uncaught exception while stopping',
      'shutdown step done: http server',
      'shutdown step done: redis',
    ]);
    expect(ended.lines[2]).toMatchObject({
      level: 'error',
      error: { type: 'Error', message: 'a second fault, while stopping' },
    });
  });

  it('when a fatal error happens while a signal stops the process, then it still exits non-zero', async () => {
    const ended = await runScenario('fatal error while a signal stops it');

    expect(ended.code).toBe(1);
    expect(storyOf(ended.lines)).toEqual([
      'fixture started',
      'stopping',
      'uncaught exception while stopping',
      'shutdown step done: http server',
      'shutdown step done: redis',
    ]);
  });

  it('when a rejection carries a plain object, then the log names its type and holds none of its fields', async () => {
    const ended = await runScenario('rejection with a plain object');

    expect(ended.code).toBe(1);
    const fatal = ended.lines.find((l) => l.message === 'unhandled rejection: stopping');
    expect(fatal?.error).toEqual({ type: 'NonError', message: 'a thrown object, not an Error' });
    const output = JSON.stringify(ended.lines);
    for (const value of ['Oduya-Fairweather', 'QQ123456C', 'K-29-private'])
      expect(output).not.toContain(value);
  });
});
