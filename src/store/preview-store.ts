import { randomBytes } from 'node:crypto';
import type Redis from 'ioredis';
import {
  PREVIEW_ID_PATTERN,
  PREVIEW_RETENTION_DAYS,
  PreviewItemSchema,
  PreviewSummarySchema,
  type PreviewItem,
  type PreviewProgress,
  type PreviewRequest,
  type PreviewState,
  type PreviewSummary,
} from '../preview/preview';
import type { OrganisationScope } from '../admin/auth/organisation-scope';
import { defineScript } from './redis-scripts';

const RETENTION_MS = PREVIEW_RETENTION_DAYS * 24 * 60 * 60 * 1000;
/** The newest previews `list` answers, at most. */
const LIST_LIMIT = 100;

export interface PreviewChange {
  state?: PreviewState;
  progress?: PreviewProgress;
  finishedAt?: string;
  failedReason?: string;
}

export interface PreviewStore {
  /** A new preview, `waiting`, with a random id; it and everything of it expire in 7 days. */
  create(request: PreviewRequest, now: Date): Promise<string>;
  /** Removes a preview whose job could not be queued. */
  remove(previewId: string, organisationCode: string): Promise<void>;
  update(previewId: string, change: PreviewChange): Promise<void>;
  saveItem(previewId: string, item: PreviewItem): Promise<void>;
  checkedIds(previewId: string): Promise<ReadonlySet<string>>;
  summary(previewId: string): Promise<PreviewSummary | undefined>;
  /** The preview's items by applicant id. */
  items(previewId: string): Promise<PreviewItem[]>;
  /** The previews of the last 7 days of those organisations, newest first (at most 100). */
  list(now: Date, organisations: OrganisationScope): Promise<PreviewSummary[]>;
}

function summaryOf(previewId: string, fields: Record<string, string>): PreviewSummary | undefined {
  if (!fields.previewId) return undefined;
  const count = (name: string) => Number(fields[name] ?? 0);
  const parsed = PreviewSummarySchema.safeParse({
    previewId,
    organisationCode: fields.organisationCode,
    statuses: JSON.parse(fields.statuses ?? '[]') as unknown,
    changedSince: fields.changedSince || null,
    state: fields.state,
    progress: { listed: count('listed'), checked: count('checked') },
    counts: {
      MATCHED: count('MATCHED'),
      NO_ESR_MATCH: count('NO_ESR_MATCH'),
      AMBIGUOUS_ESR_MATCH: count('AMBIGUOUS_ESR_MATCH'),
    },
    createdAt: fields.createdAt,
    finishedAt: fields.finishedAt || null,
    ...(fields.failedReason ? { failedReason: fields.failedReason } : {}),
  });
  return parsed.success ? parsed.data : undefined;
}

/** `[id, score, id, score…]` lists of several indexes, merged newest (highest score) first. */
function newestFirst(lists: string[][]): string[] {
  const scored: { id: string; at: number }[] = [];
  for (const flat of lists) {
    for (let i = 0; i + 1 < flat.length; i += 2) scored.push({ id: flat[i]!, at: Number(flat[i + 1]) });
  }
  return scored.sort((a, b) => b.at - a.at).map((entry) => entry.id);
}

/**
 * Match previews in Redis: `${prefix}:preview:<id>` (a hash: request, state, progress, counts),
 * `${prefix}:preview:<id>:items` (applicant id → result, hints, ESR ids), the index
 * `${prefix}:previews` (ids by creation time) and one per organisation
 * (`${prefix}:previews:<code>`, for those acting for some organisations). Identifiers, results and
 * hints only; every key expires 7 days after the preview was created.
 */
export function createPreviewStore(redis: Redis, prefix: string): PreviewStore {
  const key = (previewId: string) => `${prefix}:preview:${previewId}`;
  const itemsKey = (previewId: string) => `${prefix}:preview:${previewId}:items`;
  const indexKey = `${prefix}:previews`;
  const organisationIndexKey = (code: string) => `${prefix}:previews:${code}`;
  const saveItem = defineScript(redis, 'save-preview-item');
  const update = defineScript(redis, 'update-preview');

  async function summary(previewId: string): Promise<PreviewSummary | undefined> {
    if (!PREVIEW_ID_PATTERN.test(previewId)) return undefined;
    return summaryOf(previewId, await redis.hgetall(key(previewId)));
  }

  return {
    async create(request, now) {
      const previewId = `pv_${randomBytes(12).toString('hex')}`;
      const expiresAt = now.getTime() + RETENTION_MS;
      await redis
        .multi()
        .hset(key(previewId), {
          previewId,
          organisationCode: request.organisationCode,
          statuses: JSON.stringify(request.statuses),
          changedSince: request.changedSince ?? '',
          state: 'waiting',
          createdAt: now.toISOString(),
          expiresAt: String(expiresAt),
        })
        .pexpireat(key(previewId), expiresAt)
        .zadd(indexKey, now.getTime(), previewId)
        .zremrangebyscore(indexKey, '-inf', now.getTime() - RETENTION_MS)
        .pexpireat(indexKey, expiresAt)
        .zadd(organisationIndexKey(request.organisationCode), now.getTime(), previewId)
        .zremrangebyscore(
          organisationIndexKey(request.organisationCode),
          '-inf',
          now.getTime() - RETENTION_MS,
        )
        .pexpireat(organisationIndexKey(request.organisationCode), expiresAt)
        .exec();
      return previewId;
    },
    async remove(previewId, organisationCode) {
      await redis
        .multi()
        .del(key(previewId), itemsKey(previewId))
        .zrem(indexKey, previewId)
        .zrem(organisationIndexKey(organisationCode), previewId)
        .exec();
    },
    async update(previewId, change) {
      const fields: string[] = [];
      if (change.state) fields.push('state', change.state);
      if (change.progress)
        fields.push('listed', String(change.progress.listed), 'checked', String(change.progress.checked));
      if (change.finishedAt) fields.push('finishedAt', change.finishedAt);
      if (change.failedReason) fields.push('failedReason', change.failedReason);
      if (fields.length > 0) await update(key(previewId), ...fields);
    },
    async saveItem(previewId, item) {
      await saveItem(
        key(previewId),
        itemsKey(previewId),
        item.applicantId,
        JSON.stringify(item),
        item.result,
      );
    },
    async checkedIds(previewId) {
      return new Set(await redis.hkeys(itemsKey(previewId)));
    },
    summary,
    async items(previewId) {
      if (!PREVIEW_ID_PATTERN.test(previewId)) return [];
      const stored = Object.values(await redis.hgetall(itemsKey(previewId)));
      const items = stored.flatMap((value) => {
        const parsed = PreviewItemSchema.safeParse(JSON.parse(value));
        return parsed.success ? [parsed.data] : [];
      });
      return items.sort((a, b) => a.applicantId.localeCompare(b.applicantId, 'en', { numeric: true }));
    },
    async list(now, organisations) {
      const oldest = now.getTime() - RETENTION_MS;
      const keys = organisations === '*' ? [indexKey] : organisations.map(organisationIndexKey);
      const lists = await Promise.all(
        keys.map((k) => redis.zrevrangebyscore(k, '+inf', oldest, 'WITHSCORES', 'LIMIT', 0, LIST_LIMIT)),
      );
      const ids = newestFirst(lists).slice(0, LIST_LIMIT);
      const summaries = await Promise.all(ids.map(summary));
      return summaries.filter(
        (s): s is PreviewSummary =>
          s !== undefined && (organisations === '*' || organisations.includes(s.organisationCode)),
      );
    },
  };
}
