import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import {
  describeProblem,
  RECORD_DEFINITIONS,
  RECORD_TYPES,
  TRAC_CHECK_TYPE_OF,
  todayInLondon,
  type CompletedTracCheck,
  type RecordType,
} from '../../src/records';
import { validateEsrBody } from '../helpers/esr-body-validation';
import { checkEsrBody } from '../../sandbox/esr-body-rules';
import { aCompleteCheckSet, aTracApplicant, anEsrApplicant } from '../../sandbox/seed-builders';
import type { TracCheck } from '../../sandbox';
import { BUILDER_TODAY } from '../helpers/record-builders';
import { esrRecordsFor, esrRequestBodies, withSandboxes } from '../helpers/sandbox';
import { aTestWorker, type TestWorker } from '../helpers/worker';
import { aMutatedCheck, deepCopy, MARKER } from './check-mutations';

const RUNS_PER_TYPE = { mutated: 1500, arbitrary: 500 };
const CONTEXT = { applicantId: 'A-100234', today: BUILDER_TODAY };

const aCompletedAt = fc.oneof(
  { weight: 8, arbitrary: fc.constant(undefined) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('2099-01-01T00:00:00Z', '2026-06-14', 'yesterday', '', '2026-02-30T10:00:00Z'),
  },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }) },
);

/**
 * The mapper's contract for any input: no throw, no change to its input; a body that ESR's own
 * schema accepts (the connector's, and the ESR sandbox's independent reading of records.md), or a
 * problem that names a field and never quotes Trac's value.
 */
function expectMapped(type: RecordType, check: CompletedTracCheck, tally: Record<'ok' | 'problem', number>) {
  const before = deepCopy(check);
  const result = RECORD_DEFINITIONS[type].map(check, CONTEXT);

  expect(isDeepStrictEqual(check, before)).toBe(true);
  if (result.ok) {
    tally.ok += 1;
    expect(validateEsrBody(type, result.body, CONTEXT.today)).toEqual({ ok: true });
    expect(checkEsrBody(type, JSON.parse(JSON.stringify(result.body)), CONTEXT.today)).toEqual({ ok: true });
  } else {
    tally.problem += 1;
    expect(result.problem.field).toMatch(/\S/);
    expect(result.problem.message).toMatch(/\S/);
    expect(describeProblem(type, result.problem).startsWith(`${type}.`)).toBe(true);
    expect(JSON.stringify(result.problem)).not.toContain(MARKER);
  }
}

describe.each(RECORD_TYPES)('mapping %s under generated Trac data', (type) => {
  it(`when a valid ${type} check is mutated, then map() gives a body ESR accepts or names the field, never throws`, () => {
    const tally = { ok: 0, problem: 0 };
    fc.assert(
      fc.property(aMutatedCheck(type, false), aCompletedAt, (check, completedAt) => {
        expectMapped(type, { ...check, completedAt: completedAt ?? check.completedAt }, tally);
      }),
      { numRuns: RUNS_PER_TYPE.mutated },
    );
    // both branches were exercised: the generator is neither all-valid nor all-broken
    expect(tally.ok).toBeGreaterThan(0);
    expect(tally.problem).toBeGreaterThan(0);
  });

  it(`when ${type} check data is anything at all, then map() names a field and never throws`, () => {
    const tally = { ok: 0, problem: 0 };
    fc.assert(
      fc.property(fc.anything({ maxDepth: 3 }), (data) => {
        expectMapped(
          type,
          { checkType: TRAC_CHECK_TYPE_OF[type], completedAt: '2026-06-02T15:40:00Z', data },
          tally,
        );
      }),
      { numRuns: RUNS_PER_TYPE.arbitrary },
    );
    expect(tally.problem).toBeGreaterThan(0);
  });
});

describe('a transfer whose Trac data breaks records.md', () => {
  const sandboxes = withSandboxes();
  let harness: TestWorker;
  let applicants = 0;

  beforeAll(() => {
    harness = aTestWorker({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl });
  });
  afterAll(async () => {
    await harness.close();
  });

  /** One generated check that the mapper refuses today, in a Trac applicant whose other checks are valid. */
  const anInvalidCase = fc
    .constantFrom(...RECORD_TYPES)
    .chain((type) => aMutatedCheck(type, true).map((check) => ({ type, check })))
    .filter(
      ({ type, check }) =>
        !RECORD_DEFINITIONS[type].map(check, { applicantId: 'FZ-1', today: todayInLondon(new Date()) }).ok,
    );

  it('when one generated check is invalid, then the transfer fails INVALID_TRAC_DATA and nothing reaches ESR', async () => {
    await fc.assert(
      fc.asyncProperty(anInvalidCase, async ({ type, check }) => {
        applicants += 1;
        const applicantId = `FZ-${process.pid}-${applicants}`;
        const person = { forename: 'Fuzz', surname: `Mapper${applicants}`, dateOfBirth: '1990-01-01' };
        const stored: TracCheck = { state: check.state, completedAt: check.completedAt, data: check.data };
        sandboxes.trac.upsertApplicant(
          aTracApplicant({
            applicantId,
            organisationCode: 'R0A',
            person,
            checks: {
              ...aCompleteCheckSet(900_000 + applicants),
              [TRAC_CHECK_TYPE_OF[type]]: stored,
            },
          }),
        );
        const esrApplicantId = `ESR-${applicantId}`;
        sandboxes.esr.upsertApplicant(
          anEsrApplicant({
            esrApplicantId,
            organisationCode: 'R0A',
            firstName: 'FUZZ',
            lastName: person.surname.toUpperCase(),
            dateOfBirth: person.dateOfBirth,
          }),
        );
        const postsBefore = (await esrRequestBodies(sandboxes.esrUrl)).length;

        const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', applicantId));

        expect(transfer).toMatchObject({ state: 'failed', reason: 'INVALID_TRAC_DATA' });
        expect(transfer.message).toContain(`${type}.`);
        expect(Object.values(transfer.records)).not.toContain('SENT');
        expect(await esrRecordsFor(sandboxes.esrUrl, esrApplicantId)).toEqual([]);
        expect((await esrRequestBodies(sandboxes.esrUrl)).length).toBe(postsBefore);
      }),
      { numRuns: 8, endOnFailure: true },
    );
  }, 120_000);

  it('when the same applicant has only valid checks, then the transfer sends every record (the case above is not vacuous)', async () => {
    const applicantId = `FZ-${process.pid}-valid`;
    const person = { forename: 'Fuzz', surname: 'Mappervalid', dateOfBirth: '1990-01-01' };
    sandboxes.trac.upsertApplicant(
      aTracApplicant({ applicantId, organisationCode: 'R0A', person, checks: aCompleteCheckSet(899_999) }),
    );
    sandboxes.esr.upsertApplicant(
      anEsrApplicant({
        esrApplicantId: `ESR-${applicantId}`,
        organisationCode: 'R0A',
        firstName: 'FUZZ',
        lastName: 'MAPPERVALID',
        dateOfBirth: person.dateOfBirth,
      }),
    );

    const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', applicantId));

    expect(transfer).toMatchObject({ state: 'completed', reason: null });
    expect(await esrRecordsFor(sandboxes.esrUrl, `ESR-${applicantId}`)).toHaveLength(RECORD_TYPES.length);
  });
});
