import type { TestApp } from '../helpers/app';
import { asCaller, bodyOf, HR_ADMIN, itemsOf, withWorkerAndAdminApp } from '../helpers/admin';
import { seedTwins, withSandboxes } from '../helpers/sandbox';

const hr = (t: TestApp) => asCaller(t, HR_ADMIN);

interface Summary {
  transferId: string;
  state: string;
  reason: string | null;
  match: { hints: string[]; esrApplicantIds: string[] } | null;
  outstanding: string[];
}

describe('a transfer that fails to match carries its match hints', () => {
  const sandboxes = withSandboxes();
  const { t, harness } = withWorkerAndAdminApp(sandboxes);

  it('when ESR holds the applicant with day and month of birth swapped, then the failed transfer names the hint and that ESR record, on its own and in the lists', async () => {
    // Trac: Tomasz Nowak born 1992-05-03; ESR 4417800: the same name born 1992-03-05
    const id = await harness.enqueue('R0A', 'A-100300');
    expect(await harness.waitUntilFinished(id)).toMatchObject({ state: 'failed', reason: 'NO_ESR_MATCH' });

    const one = bodyOf<Summary>(await hr(t).get(`/admin/transfers/${id}`));
    const failed = itemsOf<Summary>(await hr(t).get('/admin/transfers?state=failed&reason=NO_ESR_MATCH'));
    const all = itemsOf<Summary>(await hr(t).get('/admin/transfers'));

    const expected = { hints: ['DATE_OF_BIRTH_DAY_MONTH_SWAPPED'], esrApplicantIds: ['4417800'] };
    expect(one).toMatchObject({ state: 'failed', reason: 'NO_ESR_MATCH', match: expected, outstanding: [] });
    expect(failed.find((item) => item.transferId === id)?.match).toEqual(expected);
    expect(all.find((item) => item.transferId === id)?.match).toEqual(expected);
    // a hint is advice only: nothing goes to the record it names
    expect(sandboxes.esr.requests().filter((post) => post.path.includes('4417800'))).toEqual([]);
    // Redis keeps the hint's letter and the id, never a name or a date
    expect(await harness.redis.hget(`${harness.prefix}:transfer:${id}`, 'match')).toBe('D 4417800');
  });

  it('when ESR holds only her twin (same last name and birth date, another first name), then the hint is NO_CANDIDATE and no ESR id is named', async () => {
    seedTwins(sandboxes);

    const id = await harness.enqueue('R0A', 'A-900234');
    const transfer = await harness.waitUntilFinished(id);

    expect(transfer).toMatchObject({ state: 'failed', reason: 'NO_ESR_MATCH' });
    expect(transfer.match).toEqual({ hints: ['NO_CANDIDATE'], esrApplicantIds: [] });
    const answer = await hr(t).get(`/admin/transfers/${id}`);
    expect(bodyOf<Summary>(answer).match).toEqual({ hints: ['NO_CANDIDATE'], esrApplicantIds: [] });
    expect(answer.text).not.toContain('4419724');
  });

  it('when two active records match, then the failed transfer names SEVERAL_ACTIVE_RECORDS and both records', async () => {
    const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', 'A-100301'));

    expect(transfer).toMatchObject({ state: 'failed', reason: 'AMBIGUOUS_ESR_MATCH' });
    expect(transfer.match).toEqual({
      hints: ['SEVERAL_ACTIVE_RECORDS'],
      esrApplicantIds: ['4417801', '4417802'],
    });
  });

  it('when ESR holds the person only as an employee, then the hint says so and names that record', async () => {
    const transfer = await harness.waitUntilFinished(await harness.enqueue('R0A', 'A-100302'));

    expect(transfer.match).toEqual({ hints: ['EMPLOYEE_RECORD_ONLY'], esrApplicantIds: ['4417803'] });
  });

  it('when a transfer matches and completes, or fails for another reason, then it carries no match', async () => {
    const sent = await harness.waitUntilFinished(await harness.enqueue('R0A', 'A-100308'));
    const invalid = await harness.waitUntilFinished(await harness.enqueue('R0A', 'A-100307'));

    expect(sent).toMatchObject({ state: 'completed', reason: null, match: null, outstanding: [] });
    expect(invalid).toMatchObject({ state: 'failed', reason: 'INVALID_TRAC_DATA', match: null });
  });
});
