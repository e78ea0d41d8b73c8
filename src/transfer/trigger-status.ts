/** Status comparison ignores case, white space and punctuation (connector.md). */
export function canonicalStatus(status: string): string {
  return status.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

export function isTriggerStatus(status: string, triggerStatuses: readonly string[]): boolean {
  const canonical = canonicalStatus(status);
  return canonical.length > 0 && triggerStatuses.some((trigger) => canonicalStatus(trigger) === canonical);
}
