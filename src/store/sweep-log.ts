import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import {
  SweepRecordSchema,
  SWEEPS_SHOWN,
  type FinishedSweepOutcome,
  type SweepLog,
  type SweepRecord,
} from '../transfer/sweep';
import { defineScript } from './redis-scripts';

/*
 * The sweeps' state in Redis, beside the queues under the same prefix: the
 * watermark (an ISO date-time), the ids of the latest attempts (a list, newest first, trimmed to
 * SWEEPS_SHOWN), each attempt's record (times, counts and the codes of organisations whose listing
 * failed; no applicant) and the counts the
 * receiver's `/metrics` reads.
 */

export const watermarkKey = (prefix: string) => `${prefix}:reconciliation:watermark`;
const attemptsKey = (prefix: string) => `${prefix}:reconciliation:sweeps`;
const attemptKey = (prefix: string, id: string) => `${prefix}:reconciliation:sweep:${id}`;
/** Hash `completed`, `failed` (sweep attempts by outcome) and `started` (transfers started). */
export const sweepCountsKey = (prefix: string) => `${prefix}:metrics:reconciliation`;

/** An attempt's record expires after this long even if it was never trimmed away, seconds. */
const ATTEMPT_TTL_SECONDS = 90 * 24 * 60 * 60;

/** Reads the latest attempts with their ids; a record that cannot be read is left out. */
async function readLatest(redis: Redis, prefix: string): Promise<{ id: string; record: SweepRecord }[]> {
  const ids = await redis.lrange(attemptsKey(prefix), 0, SWEEPS_SHOWN - 1);
  if (ids.length === 0) return [];
  const values = await redis.mget(ids.map((id) => attemptKey(prefix, id)));
  return ids.flatMap((id, i) => {
    try {
      const parsed = SweepRecordSchema.safeParse(JSON.parse(values[i] ?? 'null'));
      return parsed.success ? [{ id, record: parsed.data }] : [];
    } catch {
      return [];
    }
  });
}

export function createSweepLog(redis: Redis, prefix: string, now = () => new Date()): SweepLog {
  const moveForward = defineScript(redis, 'move-sweep-watermark');
  const save = (id: string, record: SweepRecord) =>
    redis.set(attemptKey(prefix, id), JSON.stringify(record), 'EX', ATTEMPT_TTL_SECONDS);

  return {
    async watermark() {
      const value = await redis.get(watermarkKey(prefix));
      const at = value === null ? Number.NaN : Date.parse(value);
      return Number.isNaN(at) ? undefined : new Date(at);
    },
    async moveWatermark(to) {
      await moveForward(watermarkKey(prefix), to.toISOString());
    },
    async begin(startedAt) {
      for (const { id, record } of await readLatest(redis, prefix)) {
        if (record.outcome === 'active') {
          await save(id, { ...record, outcome: 'failed', finishedAt: now().toISOString() });
        }
      }
      const id = randomUUID();
      const record: SweepRecord = {
        startedAt: startedAt.toISOString(),
        finishedAt: null,
        outcome: 'active',
        listed: 0,
        started: 0,
        failedOrganisations: [],
      };
      await redis
        .multi()
        .set(attemptKey(prefix, id), JSON.stringify(record), 'EX', ATTEMPT_TTL_SECONDS)
        .lpush(attemptsKey(prefix), id)
        .exec();
      // at most SWEEPS_SHOWN kept: older attempts go, records and all
      const dropped = await redis.lrange(attemptsKey(prefix), SWEEPS_SHOWN, -1);
      const multi = redis.multi().ltrim(attemptsKey(prefix), 0, SWEEPS_SHOWN - 1);
      if (dropped.length > 0) multi.del(...dropped.map((old) => attemptKey(prefix, old)));
      await multi.exec();
      return id;
    },
    async finish(attemptId, record) {
      await save(attemptId, record);
    },
    async count(outcome: FinishedSweepOutcome, started) {
      const multi = redis.multi().hincrby(sweepCountsKey(prefix), outcome, 1);
      if (started > 0) multi.hincrby(sweepCountsKey(prefix), 'started', started);
      await multi.exec();
    },
    async latest() {
      return (await readLatest(redis, prefix)).map(({ record }) => record);
    },
  };
}
