import { RedisUnavailableError, startRedisDeadline } from '../../../src/store/redis-deadline';

const never = () => new Promise<never>(() => undefined);

describe('startRedisDeadline', () => {
  it('when the call answers in time, then its result is returned', async () => {
    await expect(startRedisDeadline(1000).run('get', Promise.resolve('v'))).resolves.toBe('v');
  });

  it('when the call never answers, then RedisUnavailableError marked timed out', async () => {
    const error = await startRedisDeadline(10)
      .run('get', never())
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as RedisUnavailableError).timedOut).toBe(true);
  });

  it('when the call is refused, then RedisUnavailableError not timed out, with the cause', async () => {
    const refused = new Error("Stream isn't writeable and enableOfflineQueue options is false");

    const error = await startRedisDeadline(1000)
      .run('set', Promise.reject(refused))
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(RedisUnavailableError);
    expect((error as RedisUnavailableError).timedOut).toBe(false);
    expect((error as Error).cause).toBe(refused);
  });

  it('when the budget is already spent by earlier calls, then a later call fails at once', async () => {
    let clock = 0;
    const deadline = startRedisDeadline(100, () => clock);
    clock = 150;

    await expect(deadline.run('set', never())).rejects.toThrow(RedisUnavailableError);
  });
});
