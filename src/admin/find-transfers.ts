import type { OrganisationDirectory } from '../../config/organisations';
import type { Transfer } from '../transfer/transfer';
import { parseTransferId, transferIdOf } from '../transfer/transfer-ids';
import { permittedAmong, type OrganisationScope } from './organisation-scope';
import { loadTransfers, type TransferReader } from './transfer-views';

/** Longer input is no id (an organisation code, a dash and a 64-character applicant id at most). */
const MAX_QUERY_LENGTH = 80;

/**
 * The transfer ids a search may mean: the input as a transfer id (its organisation code in capitals),
 * and the input as a Trac applicant id in each organisation of the organisations file. Exact ids only,
 * so the search reads a handful of keys, never the whole store.
 */
export function candidateIds(query: string, organisationCodes: readonly string[]): string[] {
  const text = query.trim();
  if (text === '' || text.length > MAX_QUERY_LENGTH) return [];
  const dash = text.indexOf('-');
  const asTransferId = dash > 0 ? `${text.slice(0, dash).toUpperCase()}${text.slice(dash)}` : text;
  const candidates = [asTransferId, ...organisationCodes.map((code) => transferIdOf(code, text))];
  return [...new Set(candidates)].filter((id) => parseTransferId(id) !== undefined);
}

/**
 * The transfers a search box's text names, by transfer id or by Trac applicant id, among those of
 * the organisations the caller acts for: another organisation's is not found.
 */
export async function findTransfers(
  reader: TransferReader,
  directory: OrganisationDirectory,
  organisations: OrganisationScope,
  query: string,
): Promise<Transfer[]> {
  const codes = permittedAmong(
    organisations,
    directory.all().map((organisation) => organisation.code),
  );
  return loadTransfers(reader, organisations, candidateIds(query, codes));
}
