import type Redis from 'ioredis';
import { createBufferedIncrements } from './buffered-increments';
import type { TracListSkipReason } from '../trac/trac-list';

/**
 * Hash of what the workers' listings of Trac (sweeps, previews) left out, shared by every worker
 * process and read by the receiver's `/metrics`: field `skipped|<reason>` → items.
 */
export const tracListCountsKey = (prefix: string) => `${prefix}:metrics:trac-list`;

export interface TracListCounter {
  /** Counts one list item left out: the `onListItemSkipped` of `createTracClient`, as it is. */
  skipped: (reason: TracListSkipReason) => void;
  /** Writes what is buffered now (at shutdown); never rejects. */
  flush(): Promise<void>;
}

/** Skipped items are rare (a Trac that breaks trac.md): each is written at once, never awaited. */
export function createTracListCounter(redis: Redis, prefix: string): TracListCounter {
  const increments = createBufferedIncrements(redis, 0);
  const key = tracListCountsKey(prefix);
  return {
    skipped: (reason) => increments.add(key, `skipped|${reason}`, 1),
    flush: () => increments.flush(),
  };
}
