/**
 * One transfer per (organisation, applicant): the id derives from those two alone. Organisation
 * codes never contain `-`, so the first `-` separates them; BullMQ ids may not contain `:` and this
 * one is never all digits.
 */
export function transferIdOf(organisationCode: string, applicantId: string): string {
  return `${organisationCode}-${applicantId}`;
}

export function parseTransferId(
  transferId: string,
): { organisationCode: string; applicantId: string } | undefined {
  const match = /^([A-Z0-9]{3,5})-([A-Za-z0-9_-]{1,64})$/.exec(transferId);
  if (!match?.[1] || !match[2]) return undefined;
  return { organisationCode: match[1], applicantId: match[2] };
}

/** Idempotency key for one record of one transfer: identical across retries, crashes and re-queues. */
export function idempotencyKeyOf(transferId: string, recordType: string): string {
  return `dit-${transferId}-${recordType}`;
}
