import type Redis from 'ioredis';

/** `used_memory` of `INFO memory`, bytes. */
export async function usedMemoryBytes(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  const match = /^used_memory:(\d+)/m.exec(info);
  if (!match?.[1]) throw new Error('INFO memory has no used_memory');
  return Number(match[1]);
}

/** Deletes every key under `prefix:` (a phase's queue, transfer store and ledger); returns how many. */
export async function deleteKeysUnder(redis: Redis, prefix: string): Promise<number> {
  let deleted = 0;
  const stream = redis.scanStream({ match: `${prefix}:*`, count: 1000 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    if (keys.length > 0) deleted += await redis.unlink(...keys);
  }
  return deleted;
}

/**
 * Bytes Redis holds for one transfer, key by key (`MEMORY USAGE`), named with the transfer id
 * replaced by `{id}`: where the per-transfer memory goes (job hash, job logs, transfer hash, ledger).
 * Members of shared sets and indexes are not included.
 */
export async function keyMemoryOf(
  redis: Redis,
  prefix: string,
  transferId: string,
): Promise<Record<string, number>> {
  const usage: Record<string, number> = {};
  const stream = redis.scanStream({ match: `${prefix}:*${transferId}*`, count: 1000 });
  for await (const keys of stream as AsyncIterable<string[]>) {
    for (const key of keys) {
      const bytes = await redis.memory('USAGE', key);
      usage[key.replace(transferId, '{id}')] = Number(bytes ?? 0);
    }
  }
  const [webhookKey] = (await redis.scan(0, 'MATCH', `${prefix}:webhook:*`, 'COUNT', 1000))[1];
  if (webhookKey)
    usage[`${prefix}:webhook:{webhook-id}:{body-sha256}`] = Number(
      (await redis.memory('USAGE', webhookKey)) ?? 0,
    );
  return usage;
}

/** Calls per command since the last reset (`INFO commandstats`, commands run inside scripts included). */
export async function commandCalls(redis: Redis): Promise<Record<string, number>> {
  const info = await redis.info('commandstats');
  const calls: Record<string, number> = {};
  for (const match of info.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm)) {
    calls[match[1]!] = Number(match[2]);
  }
  return calls;
}

/** Total calls of `after` minus `before`, and the commands that made most of them. */
export function commandsBetween(
  before: Record<string, number>,
  after: Record<string, number>,
): { total: number; byCommand: Record<string, number> } {
  const byCommand: Record<string, number> = {};
  let total = 0;
  for (const [command, calls] of Object.entries(after)) {
    const delta = calls - (before[command] ?? 0);
    if (delta <= 0) continue;
    byCommand[command] = delta;
    total += delta;
  }
  const sorted = Object.entries(byCommand).sort((a, b) => b[1] - a[1]);
  return { total, byCommand: Object.fromEntries(sorted) };
}
