import fc from 'fast-check';
import { RECORD_DEFINITIONS, RECORD_TYPES, type RecordType } from '../../src/records';
import { validateEsrBody } from '../helpers/esr-body-validation';
import { checkEsrBody } from '../../sandbox/esr-body-rules';
import { BUILDER_TODAY } from '../helpers/record-builders';
import { aMutation, mutate, VALID_CHECKS } from './check-mutations';

/**
 * Two readings of records.md, one verdict: the connector's ESR schemas (`src/records/`) and the ESR
 * sandbox's own body rules (`sandbox/esr-body-rules/`) must accept and refuse the same bodies.
 * When they differ, one of them misreads the documents: records.md decides which, and that side is
 * fixed. Without this, a schema bug shared with the sandbox would pass every end-to-end test.
 */
const RUNS_PER_TYPE = 1500;
const CONTEXT = { applicantId: 'A-100234', today: BUILDER_TODAY };

/** ESR's own values, dates around today and lengths at the limits: what moves a body across a rule. */
const ESR_VALUES = [
  ...['BASIC', 'ENHANCED', 'ENHANCED_BARRED', 'CHILD', 'ADULTS', 'NEW_INFO', 'UNSATISFACTORY'],
  ...['GDC', 'GMC', 'PROVISIONAL', 'SUSPENDED', 'REFUSED', 'CHARACTER', 'QUALIFICATIONS'],
  ...['COMPLETE', 'OUTSTANDING', 'MANUAL', 'IDSP', 'EMPLOYER_CHECKING_SERVICE', 'LIST_A', 'UNLIMITED'],
  ...['TIME_LIMITED', 'SETTLED', 'PRE_SETTLED', 'APPLICATION_PENDING', 'W1A2B3C4D', '123', '1234567'],
  ...['2019-08-07', '2026-05-12', '2026-06-13', '2026-06-14', '2026-06-15', '2028-09-30', '2029-05-12'],
  ...['', 'x'.repeat(50), 'x'.repeat(51), 'x'.repeat(150), 'x'.repeat(151), 'x'.repeat(501)],
];
const CONDITIONAL_FIELDS = [
  ...['barredLists', 'workforce', 'updateServiceCheckDate', 'updateServiceResult', 'licenceToPractise'],
  ...['specialistRegister', 'gpRegister', 'expiryDate', 'periodTo', 'receivedDate', 'completedDate'],
  ...['documentList', 'shareCode', 'idspProvider', 'ecsReference', 'permissionExpiryDate', 'followUpDate'],
];
const anEsrValue = fc.oneof(fc.constantFrom(...ESR_VALUES), fc.boolean(), fc.constant(null));

type Edit = (body: unknown) => unknown;

/** The objects of a body (the body, `source`, list items), depth first. */
function objectsOf(value: unknown): Record<string, unknown>[] {
  if (Array.isArray(value)) return value.flatMap(objectsOf);
  if (value === null || typeof value !== 'object') return [];
  return [value as Record<string, unknown>, ...Object.values(value).flatMap(objectsOf)];
}

const anEdit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ pick: fc.nat(), field: fc.nat(), value: anEsrValue }).map(({ pick, field, value }) => {
    return (body: unknown) => {
      const target = objectsOf(body)[pick % objectsOf(body).length];
      const keys = target ? Object.keys(target) : [];
      const key = keys[field % Math.max(keys.length, 1)];
      if (target && key !== undefined) target[key] = value;
      return body;
    };
  }),
  fc
    .record({ pick: fc.nat(), key: fc.constantFrom(...CONDITIONAL_FIELDS), value: anEsrValue })
    .map(({ pick, key, value }) => (body: unknown) => {
      const target = objectsOf(body)[pick % objectsOf(body).length];
      if (target) target[key] = value;
      return body;
    }),
  fc
    .array(aMutation(true), { minLength: 1, maxLength: 2 })
    .map((mutations) => (body: unknown) => mutate(body, mutations)),
);

/** ESR bodies the connector maps from every valid Trac check variant of the fuzz suite. */
function validBodies(type: RecordType): unknown[] {
  return VALID_CHECKS[type].map((check) => {
    const result = RECORD_DEFINITIONS[type].map(check, CONTEXT);
    if (!result.ok) throw new Error(`${type}: a valid check did not map`);
    return result.body;
  });
}

function verdicts(type: RecordType, body: unknown) {
  const connector = validateEsrBody(type, body, CONTEXT.today);
  const sandbox = checkEsrBody(type, body, CONTEXT.today);
  const fields = (v: typeof connector) => (v.ok ? 'accepted' : v.errors.map((e) => e.field).join(', '));
  return { connector: fields(connector), sandbox: fields(sandbox), agree: connector.ok === sandbox.ok };
}

describe.each(RECORD_TYPES)('ESR body rules for %s: the connector and the sandbox', (type) => {
  it('when a mapped body is edited at random, then both accept it or both refuse it', () => {
    const tally = { accepted: 0, refused: 0 };
    fc.assert(
      fc.property(
        fc.constantFrom(...validBodies(type)),
        fc.array(anEdit, { minLength: 1, maxLength: 3 }),
        (base, edits) => {
          const edited = edits.reduce<unknown>((body, edit) => edit(body), JSON.parse(JSON.stringify(base)));
          if (edited === undefined) return;
          const body = JSON.parse(JSON.stringify(edited)) as unknown;
          const verdict = verdicts(type, body);
          tally[verdict.connector === 'accepted' ? 'accepted' : 'refused'] += 1;
          expect({ body, ...verdict }).toMatchObject({ agree: true });
        },
      ),
      { numRuns: RUNS_PER_TYPE },
    );
    // the edits cross rules both ways: neither side could agree by accepting or refusing everything
    expect(tally.accepted).toBeGreaterThan(0);
    expect(tally.refused).toBeGreaterThan(0);
  });
});
