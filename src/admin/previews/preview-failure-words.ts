/**
 * Why a match preview failed, as its HR page says it. The preview's `failedReason` (the API's)
 * keeps the detail support staff compare with logs (`last: ESR search: answered 503`, `Trac
 * rejected list-applicants with 403.`, `applicants.items.0.status: …`); HR reads which system and
 * what to do.
 */
export function plainPreviewFailure(reason: string): string {
  const failing = /kept failing through (\d+) attempts \(last: (ESR|Trac)?/.exec(reason);
  if (failing) {
    const system = failing[2] ?? 'Trac or ESR';
    return `${system} kept failing through ${failing[1]} attempts. Start the preview again once ${system} answers.`;
  }
  const rejected = /^(ESR|Trac) rejected/.exec(reason);
  if (rejected?.[1]) {
    return `${rejected[1]} refused the connector's request. Ask the connector's operators to check its ${rejected[1]} access, then start the preview again.`;
  }
  if (reason.includes(' (trac_list_did_not_end)')) return reason.replace(' (trac_list_did_not_end)', '');
  if (/^applicants?[.:]/.test(reason)) {
    return "Trac answered the list of applicants in a form the connector cannot read: ask Trac's supplier to look at it, then start the preview again.";
  }
  return reason;
}
