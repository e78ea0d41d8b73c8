import { RECORD_DEFINITIONS, RECORD_TYPES, TRAC_CHECK_TYPE_OF, type RecordType } from '../../../src/records';
import {
  DEMO_APPLICANTS,
  DEMO_SEED,
  generateApplicants,
  NEVER_SENT_MARKERS,
  SEED_ORGANISATIONS,
  type DemoApplicant,
  type EsrApplicant,
  type SandboxSeed,
  type TracSandboxApplicant,
} from '../../../sandbox';
import { namesMatch } from '../../../src/transfer/normalise-name';
import { anEsrToken, withSandboxes } from '../../helpers/sandbox';

const TODAY = '2026-06-14';

function tracApplicantOf(seed: SandboxSeed, applicantId: string): TracSandboxApplicant {
  const found = seed.trac.applicants.find((a) => a.applicant.applicantId === applicantId);
  if (!found) throw new Error(`no Trac applicant ${applicantId}`);
  return found;
}

/** The connector's matching rule (connector.md step 4), written independently for the check. */
function inScopeMatches(candidates: readonly EsrApplicant[], trac: TracSandboxApplicant): EsrApplicant[] {
  const { person, organisationCode } = trac.applicant;
  const provider = SEED_ORGANISATIONS.find((o) => o.code === organisationCode)?.ditProvider;
  return candidates.filter(
    (c) =>
      c.recordOrigin === provider &&
      c.personType === 'APPLICANT' &&
      c.applicationStatus === 'ACTIVE' &&
      namesMatch(c.firstName, person.forename) &&
      namesMatch(c.lastName, person.surname) &&
      c.dateOfBirth === person.dateOfBirth,
  );
}

/** Every complete check of the six types, mapped with the records module. */
function mappedBodies(trac: TracSandboxApplicant) {
  return RECORD_TYPES.flatMap((recordType) => {
    const check = trac.checks[TRAC_CHECK_TYPE_OF[recordType]];
    if (check?.state !== 'Complete' || check.completedAt === undefined) return [];
    const input = {
      checkType: TRAC_CHECK_TYPE_OF[recordType],
      completedAt: check.completedAt,
      data: check.data,
    };
    const context = { applicantId: trac.applicant.applicantId, today: TODAY };
    return [{ recordType, result: RECORD_DEFINITIONS[recordType].map(input, context) }];
  });
}

/** The record outcome connector.md gives a check in this state, for this demo's transfer. */
function outcomeFor(state: string | undefined, demo: DemoApplicant, recordType: RecordType): string {
  if (demo.expected.reason === 'STATUS_CHANGED' || demo.expected.reason === 'NOT_DOCTOR_IN_TRAINING')
    return 'NOT_SENT';
  if (state === undefined) return 'NOT_RECORDED';
  if (state === 'Not Required') return 'NOT_REQUIRED';
  if (state !== 'Complete') return 'NOT_COMPLETE';
  if (demo.expected.state === 'failed') return 'NOT_SENT';
  const esr = DEMO_SEED.esr.applicants.find((a) => a.esrApplicantId === demo.esrApplicantId);
  const registrationHeld = Boolean(
    esr && (esr.hasProfessionalRegistration || esr.holdsProfessionalRegistration),
  );
  return recordType === 'professional-registration' && registrationHeld ? 'SUPERSEDED_IN_ESR' : 'SENT';
}

describe('demo seed consistency', () => {
  const sandboxes = withSandboxes();

  it('when the demo applicants are listed, then they are the seventeen cases of the brief, ids unique', () => {
    const ids = DEMO_APPLICANTS.map((a) => a.applicantId);

    expect(ids).toHaveLength(17);
    expect(new Set(ids).size).toBe(17);
    expect(DEMO_SEED.trac.applicants.map((a) => a.applicant.applicantId)).toEqual(ids);
  });

  it.each(DEMO_APPLICANTS.map((demo) => [demo.applicantId, demo] as const))(
    'when %s is looked up, then Trac holds it in its organisation with the status and scope its case needs',
    (_id, demo: DemoApplicant) => {
      const { applicant } = tracApplicantOf(DEMO_SEED, demo.applicantId);

      expect(applicant.organisationCode).toBe(demo.organisationCode);
      expect(applicant.status).toBe(
        demo.expected.reason === 'STATUS_CHANGED' ? 'Offer: Withdrawn' : 'Outcome: Recruited',
      );
      expect(applicant.doctorInTraining).toBe(demo.expected.reason !== 'NOT_DOCTOR_IN_TRAINING');
    },
  );

  it.each(DEMO_APPLICANTS.map((demo) => [demo.applicantId, demo] as const))(
    'when %s is searched in the ESR sandbox, then the in-scope matches are what its case expects',
    async (_id, demo: DemoApplicant) => {
      const trac = tracApplicantOf(DEMO_SEED, demo.applicantId);
      const { person, organisationCode } = trac.applicant;
      const query = new URLSearchParams({
        organisationCode,
        lastName: person.surname,
        dateOfBirth: person.dateOfBirth,
      });
      const answer = await fetch(`${sandboxes.esrUrl}/dit/v1/applicants?${query.toString()}`, {
        headers: { authorization: `Bearer ${await anEsrToken(sandboxes.esrUrl)}` },
      });
      const matches = inScopeMatches(((await answer.json()) as { items: EsrApplicant[] }).items, trac);

      if (demo.expected.reason === 'NO_ESR_MATCH') expect(matches).toEqual([]);
      else if (demo.expected.reason === 'AMBIGUOUS_ESR_MATCH') expect(matches.length).toBeGreaterThan(1);
      else
        expect(matches.map((m) => m.esrApplicantId)).toEqual([
          demo.esrApplicantId ?? matches[0]?.esrApplicantId,
        ]);
    },
  );

  it.each(DEMO_APPLICANTS.map((demo) => [demo.applicantId, demo] as const))(
    "when %s's record outcomes are derived from its Trac checks and ESR record, then they are the expected ones",
    (_id, demo: DemoApplicant) => {
      const trac = tracApplicantOf(DEMO_SEED, demo.applicantId);

      const derived = Object.fromEntries(
        RECORD_TYPES.map((type) => [
          type,
          outcomeFor(trac.checks[TRAC_CHECK_TYPE_OF[type]]?.state, demo, type),
        ]),
      );

      expect(derived).toEqual(demo.expected.records);
    },
  );

  it.each(DEMO_APPLICANTS.map((demo) => [demo.applicantId, demo] as const))(
    "when %s's complete checks are mapped, then each is valid for ESR unless its case says INVALID_TRAC_DATA",
    (_id, demo: DemoApplicant) => {
      const failures = mappedBodies(tracApplicantOf(DEMO_SEED, demo.applicantId)).filter((m) => !m.result.ok);

      if (demo.expected.reason === 'INVALID_TRAC_DATA') {
        expect(failures).toEqual([
          {
            recordType: 'dbs',
            result: {
              ok: false,
              problem: expect.objectContaining({ field: 'certificateNumber' }) as unknown,
              // what HR reads of the value: its shape, never the value itself
              found: 'has 11 digits',
            },
          },
        ]);
      } else {
        expect(failures).toEqual([]);
      }
    },
  );

  it('when the demo data is searched for identity markers, then Trac holds every one and no mapped body any', () => {
    const tracText = JSON.stringify(tracApplicantOf(DEMO_SEED, 'A-100234'));
    const bodiesText = JSON.stringify(DEMO_SEED.trac.applicants.flatMap(mappedBodies));

    for (const marker of NEVER_SENT_MARKERS) {
      expect({ marker, inTrac: tracText.includes(marker), inEsrBodies: bodiesText.includes(marker) }).toEqual(
        {
          marker,
          inTrac: true,
          inEsrBodies: false,
        },
      );
    }
  });

  it('when the demo seed is changed by mistake, then it refuses: it is frozen', () => {
    const first = DEMO_SEED.esr.applicants[0] as { firstName: string };

    expect(() => {
      first.firstName = 'CHANGED';
    }).toThrow(TypeError);
  });
});

describe('generated applicants', () => {
  it('when 50,000 are generated, then ids and surnames are unique and each ESR record matches its Trac twin', () => {
    const seed = generateApplicants(50_000);

    const tracIds = new Set(seed.trac.applicants.map((a) => a.applicant.applicantId));
    const surnames = new Set(seed.trac.applicants.map((a) => a.applicant.person.surname));
    expect([tracIds.size, surnames.size, seed.esr.applicants.length]).toEqual([50_000, 50_000, 50_000]);
    expect(tracIds.has('B-000001') && tracIds.has('B-050000')).toBe(true);
    for (const index of [0, 1, 24_999, 49_999]) {
      const trac = seed.trac.applicants[index] as TracSandboxApplicant;
      expect(inScopeMatches(seed.esr.applicants, trac).map((e) => e.esrApplicantId)).toEqual([
        `ESR-${trac.applicant.applicantId}`,
      ]);
    }
  });

  it('when generated applicants are mapped, then all six records are valid and carry their own numbers', () => {
    const seed = generateApplicants(2, {
      idPrefix: 'C',
      startAt: 7,
      organisationCode: '7A1',
      recordOrigin: 'HICOM',
    });

    const [first, second] = seed.trac.applicants.map(mappedBodies);
    expect(first?.map((m) => m.result.ok)).toEqual([true, true, true, true, true, true]);
    expect(JSON.stringify(first?.[0])).not.toEqual(JSON.stringify(second?.[0]));
    expect(seed.esr.applicants[0]).toMatchObject({
      esrApplicantId: 'ESR-C-000007',
      organisationCode: '7A1',
      recordOrigin: 'HICOM',
    });
  });
});
