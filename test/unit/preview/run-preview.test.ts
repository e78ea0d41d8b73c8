import type { Organisation } from '../../../config/organisations';
import type { EsrCandidate } from '../../../src/esr/esr-schemas';
import { RetryableError } from '../../../src/platform/errors';
import type { PreviewItem, PreviewProgress } from '../../../src/preview/preview';
import { runPreview, type PreviewSources } from '../../../src/preview/run-preview';
import type { TracApplicant } from '../../../src/trac/trac-schemas';

const R0A: Organisation = { code: 'R0A', name: 'Trust', ditProvider: 'TIS', enabled: true };
const REQUEST = { organisationCode: 'R0A', statuses: ['Offer: Accepted'], changedSince: null };

function anApplicant(applicantId: string, dateOfBirth: string, organisationCode = 'R0A'): TracApplicant {
  return {
    applicantId,
    organisationCode,
    status: 'Offer: Accepted',
    doctorInTraining: true,
    person: { forename: 'Ann', surname: 'Lee', dateOfBirth },
  };
}

function anEsrRecord(dateOfBirth: string): EsrCandidate {
  return {
    esrApplicantId: `E-${dateOfBirth}`,
    organisationCode: 'R0A',
    firstName: 'ANN',
    lastName: 'LEE',
    dateOfBirth,
    recordOrigin: 'TIS',
    personType: 'APPLICANT',
    applicationStatus: 'ACTIVE',
    hasProfessionalRegistration: false,
  };
}

/** Trac and ESR in memory, every request recorded; `failListAfter` throws once that many were listed. */
function someSources(applicants: TracApplicant[], esr: EsrCandidate[], failListAfter?: number) {
  const searches: string[] = [];
  const reads: string[] = [];
  const listQueries: unknown[] = [];
  const sources: PreviewSources = {
    async *listApplicants(query) {
      await Promise.resolve();
      listQueries.push(query);
      for (const [index, applicant] of applicants.entries()) {
        if (index === failListAfter) throw new RetryableError('Trac list-applicants: answered 503');
        yield { applicantId: applicant.applicantId };
      }
    },
    getApplicant: (id) => {
      reads.push(id);
      return Promise.resolve(applicants.find((a) => a.applicantId === id));
    },
    searchApplicants: (query) => {
      searches.push(query.dateOfBirth);
      return Promise.resolve(esr.filter((r) => r.dateOfBirth === query.dateOfBirth));
    },
  };
  return { sources, searches, reads, listQueries };
}

function aRecorder(already: string[] = []) {
  const items: PreviewItem[] = [];
  const progress: PreviewProgress[] = [];
  return {
    items,
    progress,
    recorder: {
      checkedIds: () => Promise.resolve(new Set(already)),
      saveItem: (item: PreviewItem) => Promise.resolve(void items.push(item)),
      progress: (p: PreviewProgress) => Promise.resolve(void progress.push(p)),
    },
  };
}

describe('running a match preview', () => {
  it('when it lists, then it asks Trac for doctors in training of the statuses, in pages of 200', async () => {
    const { sources, listQueries } = someSources([], []);
    await runPreview(REQUEST, R0A, { sources, recorder: aRecorder().recorder });
    expect(listQueries).toEqual([
      {
        organisationCode: 'R0A',
        statuses: ['Offer: Accepted'],
        changedSince: undefined,
        doctorInTraining: true,
        limit: 200,
      },
    ]);
  });

  it.each([
    ['a day above 12', '1994-03-13', ['1994-03-13']],
    ['29 February', '2000-02-29', ['2000-02-29']],
    ['day equal to month', '1994-05-05', ['1994-05-05']],
    ['a swappable day', '1994-03-07', ['1994-03-07', '1994-07-03']],
  ])(
    'when an unmatched applicant is born on %s, then ESR is searched under %j',
    async (_what, date, searched) => {
      const { sources, searches } = someSources([anApplicant('A-1', date)], []);
      await runPreview(REQUEST, R0A, { sources, recorder: aRecorder().recorder });
      expect(searches).toEqual(searched);
    },
  );

  it('when the applicant matches, then the swapped date is never searched', async () => {
    const { sources, searches } = someSources(
      [anApplicant('A-1', '1994-03-07')],
      [anEsrRecord('1994-03-07')],
    );
    const { recorder, items } = aRecorder();
    await runPreview(REQUEST, R0A, { sources, recorder });
    expect(searches).toEqual(['1994-03-07']);
    expect(items).toEqual([
      { applicantId: 'A-1', result: 'MATCHED', hints: [], esrApplicantIds: ['E-1994-03-07'] },
    ]);
  });

  it('when Trac no longer holds an applicant or holds it elsewhere, then it is counted, not matched', async () => {
    const { sources, searches } = someSources([anApplicant('A-1', '1994-03-13', '7A1')], []);
    sources.listApplicants = async function* () {
      await Promise.resolve();
      yield { applicantId: 'A-1' };
      yield { applicantId: 'A-gone' };
    };
    const { recorder, items } = aRecorder();
    const skipped: string[] = [];
    const progress = await runPreview(REQUEST, R0A, {
      sources,
      recorder,
      onSkipped: (id, why) => skipped.push(`${id} ${why}`),
    });
    expect(progress).toEqual({ listed: 2, checked: 2 });
    expect(items).toEqual([]);
    expect(searches).toEqual([]);
    expect(skipped.sort()).toEqual(['A-1 other_organisation', 'A-gone not_found']);
  });

  it('when an earlier attempt matched some applicants, then only the others are read and searched', async () => {
    const applicants = ['A-1', 'A-2', 'A-3'].map((id) => anApplicant(id, '1994-03-13'));
    const { sources, reads } = someSources(applicants, []);
    const { recorder, items } = aRecorder(['A-1', 'A-3']);
    const progress = await runPreview(REQUEST, R0A, { sources, recorder });
    expect(reads).toEqual(['A-2']);
    expect(items.map((i) => i.applicantId)).toEqual(['A-2']);
    expect(progress).toEqual({ listed: 3, checked: 3 });
  });

  it('when the list fails mid-way, then the error is thrown and no lane goes on', async () => {
    const applicants = Array.from({ length: 40 }, (_v, i) => anApplicant(`A-${i}`, '1994-03-13'));
    const { sources, reads } = someSources(applicants, [], 20);
    await expect(
      runPreview(REQUEST, R0A, { sources, recorder: aRecorder().recorder, parallel: 4 }),
    ).rejects.toThrow('answered 503');
    expect(reads.length).toBe(20);
  });

  it('when many applicants are checked, then progress ends with every one listed and checked', async () => {
    const applicants = Array.from({ length: 25 }, (_v, i) => anApplicant(`A-${i}`, '1994-03-13'));
    const { sources } = someSources(applicants, []);
    const { recorder, progress, items } = aRecorder();
    await runPreview(REQUEST, R0A, { sources, recorder, parallel: 5 });
    expect(items).toHaveLength(25);
    expect(progress.at(-1)).toEqual({ listed: 25, checked: 25 });
  });
});
