import { stringify } from 'csv-stringify/sync';
import type { OrganisationDirectory } from '../../../config/organisations';
import type { Preview, PreviewRequest, PreviewSummary } from '../../preview/preview';
import type { PreviewStore } from '../../store/preview-store';
import { answer, failure, invalid } from '../api/admin-schemas';
import { permits, type OrganisationScope } from '../auth/organisation-scope';
import type { WriteResult } from '../audit/perform-write';
import { PREVIEW_CSV_COLUMNS, PreviewStartBodySchema } from './preview-schemas';

/**
 * The receiver's side of match previews: start one (queued for a worker), read them back. Each
 * takes the organisations the caller acts for: a preview of another organisation is not found, as
 * if it did not exist, and starting one is `403 organisation_not_permitted`.
 */
export interface PreviewOperations {
  start(organisations: OrganisationScope, body: unknown): Promise<WriteResult>;
  list(organisations: OrganisationScope): Promise<PreviewSummary[]>;
  get(organisations: OrganisationScope, previewId: string): Promise<Preview | undefined>;
  /** The preview as CSV (connector.md), or undefined when there is none. */
  csv(organisations: OrganisationScope, previewId: string): Promise<string | undefined>;
}

/** A cell a spreadsheet would run as a formula: it begins with `=`, `+`, `-`, `@`, a tab or a CR. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * connector.md: such a cell is written with a leading `'`, so that a spreadsheet shows it as text.
 * Identifiers come from Trac and ESR (a Trac applicant id may begin with `-`), so every cell is
 * checked, not only those that look suspicious today.
 */
function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** Where match previews are kept (src/store/preview-store.ts) and queued for a worker. */
export interface PreviewStorage extends Pick<
  PreviewStore,
  'create' | 'remove' | 'summary' | 'items' | 'list'
> {
  /** Queues the preview's run for a worker, one job per preview, at most `attempts` tries. */
  queue(previewId: string, request: PreviewRequest, attempts: number): Promise<void>;
}

export interface PreviewOperationsDeps {
  storage: PreviewStorage;
  organisations: OrganisationDirectory;
  /** Attempts of a preview's job before it fails (`TRANSFER_ATTEMPTS`). */
  attempts: number;
  now: () => Date;
}

export function createPreviewOperations(deps: PreviewOperationsDeps): PreviewOperations {
  const store = deps.storage;

  async function get(organisations: OrganisationScope, previewId: string): Promise<Preview | undefined> {
    const summary = await store.summary(previewId);
    if (!summary || !permits(organisations, summary.organisationCode)) return undefined;
    return { ...summary, items: await store.items(previewId) };
  }

  return {
    async start(organisations, body) {
      const parsed = PreviewStartBodySchema.safeParse(body);
      if (!parsed.success) return { answer: invalid('invalid_body', parsed.error), target: 'match preview' };
      const { organisationCode, statuses = [], changedSince } = parsed.data;
      const target = `match preview of ${organisationCode}`;
      if (!permits(organisations, organisationCode)) {
        const refusal = failure(403, 'organisation_not_permitted');
        return { answer: refusal, target, otherOrganisation: true };
      }
      const about = [organisationCode];
      if (!deps.organisations.findEnabled(organisationCode))
        return { answer: failure(400, 'organisation_not_enabled'), target, organisations: about };
      const request = { organisationCode, statuses, changedSince: changedSince ?? null };
      const previewId = await store.create(request, deps.now());
      try {
        await store.queue(previewId, request, deps.attempts);
      } catch (error) {
        await store.remove(previewId, organisationCode).catch(() => undefined);
        throw error;
      }
      const queued = answer(202, { previewId, status: 'queued' });
      return { answer: queued, target: `${target}: ${previewId}`, organisations: about };
    },
    list: (organisations) => store.list(deps.now(), organisations),
    get,
    async csv(organisations, previewId) {
      const preview = await get(organisations, previewId);
      if (!preview) return undefined;
      const rows = preview.items.map((item) => [
        item.applicantId,
        item.result,
        item.hints.join(';'),
        item.esrApplicantIds.join(';'),
      ]);
      return stringify(rows, {
        header: true,
        columns: [...PREVIEW_CSV_COLUMNS],
        record_delimiter: 'unix',
        cast: { string: neutraliseFormula },
      });
    },
  };
}
