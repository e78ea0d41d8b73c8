import type { OrganisationDirectory } from '../../../config/organisations';
import type { Transfer } from '../../transfer/transfer';
import { parseTransferId, transferIdOf } from '../../transfer/transfer-ids';
import { permittedAmong, type OrganisationScope } from '../auth/organisation-scope';
import type { TransferQueries } from '../../store/transfer-queries';
import { loadTransfers, type TransferReader } from './transfer-views';

/** Longer input is no id (an organisation code, a dash and a 64-character applicant id at most). */
const MAX_QUERY_LENGTH = 80;

/** The id as typed, then its applicant part in capitals and in small letters (ids are kept as Trac spells them). */
function caseVariants(transferId: string): string[] {
  const parsed = parseTransferId(transferId);
  if (!parsed) return [transferId];
  const { organisationCode, applicantId } = parsed;
  return [applicantId, applicantId.toUpperCase(), applicantId.toLowerCase()].map((id) =>
    transferIdOf(organisationCode, id),
  );
}

/**
 * The transfer ids a search may mean: the input as a transfer id (its organisation code in capitals),
 * and the input as a Trac applicant id in each organisation of the organisations file; each as typed,
 * in capitals and in small letters. Exact ids only, so the search reads a handful of keys, never the
 * whole store.
 */
export function candidateIds(query: string, organisationCodes: readonly string[]): string[] {
  const text = query.trim();
  if (text === '' || text.length > MAX_QUERY_LENGTH) return [];
  const dash = text.indexOf('-');
  const asTransferId = dash > 0 ? `${text.slice(0, dash).toUpperCase()}${text.slice(dash)}` : text;
  const asTyped = [asTransferId, ...organisationCodes.map((code) => transferIdOf(code, text))];
  return [...new Set(asTyped.flatMap(caseVariants))].filter((id) => parseTransferId(id) !== undefined);
}

/** What a search found, and the transfer its text names exactly (its id, in any case), if any. */
export interface SearchResult {
  transfers: Transfer[];
  exact?: Transfer;
}

/**
 * The transfers a search box's text names, by transfer id or by Trac applicant id, in any case,
 * among those of the organisations the caller acts for: another organisation's is not found. The
 * ids as typed (and in capitals or small letters) are read first; only when they find nothing are
 * the organisation's ids compared ignoring case.
 */
export async function findTransfers(
  reader: TransferReader & { queries: Pick<TransferQueries, 'findIgnoringCase'> },
  directory: OrganisationDirectory,
  organisations: OrganisationScope,
  query: string,
): Promise<SearchResult> {
  const codes = permittedAmong(
    organisations,
    directory.all().map((organisation) => organisation.code),
  );
  const candidates = candidateIds(query, codes);
  let transfers = await loadTransfers(reader, organisations, candidates);
  if (transfers.length === 0 && candidates.length > 0) {
    const ids = await reader.queries.findIgnoringCase(organisations, candidates);
    transfers = await loadTransfers(reader, organisations, ids);
  }
  const text = query.trim().toLowerCase();
  return { transfers, exact: transfers.find((transfer) => transfer.transferId.toLowerCase() === text) };
}
