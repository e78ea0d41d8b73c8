import { PAGE_SIZE } from '../../../src/admin/api/admin-schemas';
import { aStoredTransfer, asCaller, withAdminTestApp, HR_ADMIN } from '../../helpers/admin';

const t = withAdminTestApp();

const BROWSER_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

/** The markup with white space between tags and before a tag's `>` taken out (text has no raw `>`). */
const squash = (markup: string) => markup.replace(/>\s+</g, '><').replace(/\s+/g, ' ').replace(/ >/g, '>');

async function browse(path: string) {
  const answer = await asCaller(t, HR_ADMIN).get(path).set('Accept', BROWSER_ACCEPT);
  return { status: answer.status, text: squash(answer.text) };
}

/** The transfer ids of the list's rows, top to bottom. */
const rowIds = (page: string) =>
  [...page.matchAll(/<tr class="nhsuk-table__row" data-transfer-id="([^"]+)"/g)].map((m) => m[1]);

describe('the lists of transfers (GET /admin/transfers from a browser)', () => {
  it('when filtered by state, reason and organisation, then only the matching transfers are listed, newest first, with the filters kept', async () => {
    const older = await aStoredTransfer(t.transferStore, {
      organisationCode: 'LST1',
      reason: 'AMBIGUOUS_ESR_MATCH',
    });
    const newer = await aStoredTransfer(t.transferStore, {
      organisationCode: 'LST1',
      reason: 'AMBIGUOUS_ESR_MATCH',
    });
    await aStoredTransfer(t.transferStore, { organisationCode: 'LST1', reason: 'NO_ESR_MATCH' });
    await aStoredTransfer(t.transferStore, { organisationCode: 'LST2', reason: 'AMBIGUOUS_ESR_MATCH' });

    const page = await browse('/admin/transfers?state=failed&reason=AMBIGUOUS_ESR_MATCH&organisation=LST1');

    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Failed transfers</h1>');
    expect(rowIds(page.text)).toEqual([newer, older]);
    expect(page.text).toContain('2 transfers match, newest first; showing 1 to 2.');
    expect(page.text).toContain('<option value="failed" selected>Failed</option>');
    expect(page.text).toContain('<option value="AMBIGUOUS_ESR_MATCH" selected>');
    expect(page.text).toContain('<input type="hidden" name="organisation" value="LST1" />');
    expect(page.text).not.toContain('class="nhsuk-pagination');
  });

  it('when more transfers match than a page holds, then the pages link to each other with the filters kept', async () => {
    const ids: string[] = [];
    for (let i = 0; i < PAGE_SIZE + 2; i += 1) {
      ids.push(await aStoredTransfer(t.transferStore, { organisationCode: 'PGN1', reason: 'TRAC_REJECTED' }));
    }

    const first = await browse('/admin/transfers?organisation=PGN1');
    const second = await browse('/admin/transfers?organisation=PGN1&page=2');

    expect(rowIds(first.text)).toHaveLength(PAGE_SIZE);
    expect(first.text).toContain(
      '<nav class="nhsuk-pagination nhsuk-pagination--numbered" role="navigation" aria-label="Pagination">',
    );
    expect(first.text).toContain(
      'href="/admin/transfers?organisation=PGN1&amp;page=2" class="nhsuk-pagination__next" rel="next"',
    );
    expect(rowIds(second.text)).toEqual([ids[1], ids[0]]);
    expect(second.text).toContain('aria-label="Page 2" aria-current="page"');
    expect(second.text).toContain(
      'href="/admin/transfers?organisation=PGN1" class="nhsuk-pagination__previous" rel="prev"',
    );
  });

  it('when the address holds a filter that is not one, then 400 with an error summary linking to the field', async () => {
    const page = await browse('/admin/transfers?state=__proto__&page=0');

    expect(page.status).toBe(400);
    expect(page.text).toContain('There is a problem');
    expect(page.text).toContain('<a href="#filter-state">Choose a state from the list</a>');
    expect(page.text).toContain('<a href="#filters">Go to a page the list has, from its page links</a>');
  });

  it('when the main page’s counts are followed, then each leads to its state’s list', async () => {
    const id = await aStoredTransfer(t.transferStore, { state: 'completed', reason: null });

    const main = await browse('/admin');
    const href = /<a class="nhsuk-link" href="(\/admin\/transfers\?state=completed)">\d+/.exec(
      main.text,
    )?.[1];
    const list = await browse(href ?? '/missing');

    expect(list.status).toBe(200);
    expect(list.text).toContain('<h1>Completed transfers</h1>');
    expect(rowIds(list.text)).toContain(id);
  });
});
