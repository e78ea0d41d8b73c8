import { ConfigError, loadConfig } from '../../config';

const loadWith = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadWith(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}

describe('reconciliation settings', () => {
  it('when neither is set, then sweeps run every 900 seconds and the first looks back 72 hours', () => {
    const config = loadWith({});

    expect(config.reconcileIntervalSeconds).toBe(900);
    expect(config.reconcileLookbackHours).toBe(72);
  });

  it('when the interval is 0, then scheduled sweeps are off', () => {
    expect(loadWith({ RECONCILE_INTERVAL_SECONDS: '0', RECONCILE_LOOKBACK_HOURS: '24' })).toMatchObject({
      reconcileIntervalSeconds: 0,
      reconcileLookbackHours: 24,
    });
  });

  it.each([
    ['RECONCILE_INTERVAL_SECONDS', '-1'],
    ['RECONCILE_INTERVAL_SECONDS', '15m'],
    ['RECONCILE_INTERVAL_SECONDS', '604801'],
    ['RECONCILE_LOOKBACK_HOURS', '0'],
    ['RECONCILE_LOOKBACK_HOURS', '2161'],
  ])('when %s is %s, then start-up is refused naming it', (variable, value) => {
    expect(problemsOf({ [variable]: value })).toEqual([expect.stringMatching(new RegExp(`^${variable}: `))]);
  });
});

describe('transfer retention', () => {
  it('when TRANSFER_RETENTION_DAYS is unset, then a finished transfer is kept whole 400 days', () => {
    expect(loadWith({}).transferRetentionDays).toBe(400);
    expect(loadWith({ TRANSFER_RETENTION_DAYS: '30' }).transferRetentionDays).toBe(30);
  });

  it.each(['0', '-5', '400d', '36501'])(
    'when TRANSFER_RETENTION_DAYS is %s, then start-up is refused naming it',
    (value) => {
      expect(problemsOf({ TRANSFER_RETENTION_DAYS: value })).toEqual([
        expect.stringMatching(/^TRANSFER_RETENTION_DAYS: /),
      ]);
    },
  );
});
