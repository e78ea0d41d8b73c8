/** Status comparison ignores case, white space and punctuation (connector.md). */
export function canonicalStatus(status: string): string {
  return status.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function isTriggerStatus(status: string, triggerStatuses: readonly string[]): boolean {
  const canonical = canonicalStatus(status);
  return canonical.length > 0 && triggerStatuses.some((trigger) => canonicalStatus(trigger) === canonical);
}

/**
 * What HR reads where a page cannot know the configured trigger statuses (`TRIGGER_STATUSES`):
 * what they are for, and the default.
 */
export const STARTING_STATUS_TEXT = 'a status that starts a transfer (by default Outcome: Recruited)';

/** The configured trigger statuses as HR reads them: `Outcome: Recruited`, `Offer: Accepted or Outcome: Hired`. */
export function triggerStatusWords(triggerStatuses: readonly string[]): string {
  if (triggerStatuses.length === 0) return STARTING_STATUS_TEXT;
  if (triggerStatuses.length === 1) return triggerStatuses.join('');
  return `${triggerStatuses.slice(0, -1).join(', ')} or ${triggerStatuses[triggerStatuses.length - 1]}`;
}
