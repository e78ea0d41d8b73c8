import { validateEsrBody } from '../../helpers/esr-body-validation';
import { employmentChecklistRecord } from '../../../src/records/employment-checklist-record';
import { aChecklistItem, anEmploymentChecklistCheck } from '../../helpers/record-builders';
import { mapToBody, mapToProblem, problem, TODAY, TOMORROW, unlisted } from './record-test-kit';

type Overrides = Record<string, unknown>;
const map = (overrides: Overrides = {}) =>
  mapToBody(employmentChecklistRecord, anEmploymentChecklistCheck(overrides));
const fail = (overrides: Overrides = {}) =>
  mapToProblem(employmentChecklistRecord, anEmploymentChecklistCheck(overrides));
const withItems = (...items: Overrides[]) => ({ items });
const identity = aChecklistItem({ check: 'Identity' });

describe('Employment checklist record: Trac employment-checklist → ESR employment-checklist', () => {
  it('when the check is complete and valid, then the listed fields and transferable items are sent', () => {
    expect(map()).toEqual({
      conditionalOfferDate: '2026-04-15',
      unconditionalOfferDate: '2026-06-10',
      proposedStartDate: '2026-08-05',
      completedBy: 'Priya Patel',
      completedDate: '2026-06-10',
      items: [
        { check: 'DBS', status: 'COMPLETE', completedDate: '2026-06-02' },
        { check: 'PROFESSIONAL_REGISTRATION', status: 'COMPLETE', completedDate: '2026-06-03' },
        { check: 'REFERENCES', status: 'COMPLETE', completedDate: '2026-05-20' },
        { check: 'RIGHT_TO_WORK', status: 'COMPLETE', completedDate: '2026-05-04' },
        { check: 'QUALIFICATIONS', status: 'COMPLETE', completedDate: '2026-05-04' },
      ],
      source: { system: 'TRAC', applicantId: 'A-100234', completedAt: '2026-06-10T16:05:00Z' },
    });
  });

  describe('labels', () => {
    it.each([
      ['DBS', 'DBS'],
      ['Professional Registration', 'PROFESSIONAL_REGISTRATION'],
      ['References', 'REFERENCES'],
      ['Right to Work', 'RIGHT_TO_WORK'],
      ['EU Status', 'EU_STATUS'],
      ['Qualifications', 'QUALIFICATIONS'],
      [' right TO work ', 'RIGHT_TO_WORK'],
    ])('when an item check is "%s", then ESR check is %s', (check, value) => {
      expect(map(withItems(aChecklistItem({ check }))).items).toEqual([
        { check: value, status: 'COMPLETE', completedDate: '2026-06-02' },
      ]);
    });

    it.each([
      ['Complete', 'COMPLETE'],
      ['Outstanding', 'OUTSTANDING'],
      ['Not Required', 'NOT_REQUIRED'],
      ['not required  ', 'NOT_REQUIRED'],
    ])('when an item status is "%s", then ESR status is %s', (status, value) => {
      const [item] = map(withItems(aChecklistItem({ status }))).items;
      expect(item?.status).toBe(value);
    });

    it.each([
      [
        { check: 'Right To Work Check' },
        problem('items[0].check', unlisted('Right To Work Check'), 'items[1].check'),
      ],
      [{ status: 'Done' }, problem('items[0].status', unlisted('Done'), 'items[1].status')],
    ])(
      'when the item after an identity item holds %j, then the problem names ESR and Trac items',
      (item, expected) => {
        expect(fail(withItems(identity, aChecklistItem(item)))).toEqual(expected);
      },
    );
  });

  describe('dropped items', () => {
    it.each(['Identity', 'Occupational Health', ' identity ', 'OCCUPATIONAL HEALTH'])(
      'when an item check is "%s", then the item is dropped',
      (check) => {
        const items = map(withItems(aChecklistItem({ check }), aChecklistItem({ check: 'DBS' }))).items;
        expect(items.map((item) => item.check)).toEqual(['DBS']);
      },
    );

    it('when every item is identity or occupational health, then the checklist has no items and is invalid', () => {
      const items = withItems(identity, aChecklistItem({ check: 'Occupational Health' }));
      expect(fail(items)).toEqual(problem('items', 'must hold at least 1 item'));
    });

    it('when a dropped item holds bad data, then it is not read', () => {
      expect(
        map(withItems(aChecklistItem({ check: 'Identity', status: 42 }), aChecklistItem())).items,
      ).toHaveLength(1);
    });

    it('when a kept item holds a wrong type after a dropped item, then Trac index and ESR index are both named', () => {
      expect(fail(withItems(identity, aChecklistItem({ completedOn: 20260602 })))).toEqual(
        problem('items[0].completedDate', 'must be text', 'items[1].completedOn'),
      );
    });
  });

  describe('items', () => {
    it.each([
      [[], 'must hold at least 1 item'],
      [undefined, 'is required'],
    ])('when Trac items are %j, then items is invalid: %s', (items, message) => {
      expect(fail({ items })).toEqual(problem('items', message));
    });

    it('when two items have the same check, then the second is invalid', () => {
      const items = withItems(aChecklistItem({ check: 'DBS' }), identity, aChecklistItem({ check: ' dbs' }));
      expect(fail(items)).toEqual(
        problem('items[1].check', 'must appear at most once (also in items[0])', 'items[2].check'),
      );
    });

    it('when a complete item has no date, then completedDate is required', () => {
      expect(fail(withItems(aChecklistItem({ completedOn: undefined })))).toEqual(
        problem('items[0].completedDate', 'is required when status is COMPLETE', 'items[0].completedOn'),
      );
    });

    it.each([
      ['Outstanding', 'OUTSTANDING'],
      ['Not Required', 'NOT_REQUIRED'],
    ])('when an item is %s and Trac holds a date, then completedDate is dropped', (status, value) => {
      const [item] = map(withItems(aChecklistItem({ status, completedOn: '2026-06-01' }))).items;
      expect(item).toEqual({ check: 'DBS', status: value });
    });

    it('when a complete item was completed today, then it is accepted', () => {
      const [item] = map(withItems(aChecklistItem({ completedOn: TODAY }))).items;
      expect(item?.completedDate).toBe(TODAY);
    });

    it('when a complete item was completed tomorrow, then it must not be in the future', () => {
      expect(fail(withItems(aChecklistItem({ completedOn: TOMORROW })))).toEqual(
        problem('items[0].completedDate', 'must not be in the future', 'items[0].completedOn'),
      );
    });

    it('when an item was completed on a BST evening, then its London date is sent', () => {
      const [item] = map(withItems(aChecklistItem({ completedOn: '2026-06-01T23:30:00Z' }))).items;
      expect(item?.completedDate).toBe('2026-06-02');
    });
  });

  describe('checklist fields', () => {
    it.each([
      [{ unconditionalOfferDate: '2026-04-15' }, 'unconditionalOfferDate', '2026-04-15'],
      [{ checklistCompletedBy: '  Priya Patel ' }, 'completedBy', 'Priya Patel'],
      [{ checklistCompletedOn: TODAY }, 'completedDate', TODAY],
      [{ checklistCompletedOn: '2026-01-09T23:59:00Z' }, 'completedDate', '2026-01-09'],
      [{ proposedStartDate: '2026-08-05' }, 'proposedStartDate', '2026-08-05'],
    ])('when Trac holds %j, then ESR %s is %s', (overrides, field, value) => {
      expect(map(overrides)).toHaveProperty(field, value);
    });

    it('when Trac has no unconditional offer date, then it is left out', () => {
      expect(map({ unconditionalOfferDate: undefined })).not.toHaveProperty('unconditionalOfferDate');
    });

    it.each([
      [
        { unconditionalOfferDate: '2026-04-14' },
        problem('unconditionalOfferDate', 'must be on or after conditionalOfferDate'),
      ],
      [
        { checklistCompletedOn: TOMORROW },
        problem('completedDate', 'must not be in the future', 'checklistCompletedOn'),
      ],
      [
        { checklistCompletedBy: ' ' },
        problem('completedBy', 'must be 1 to 150 characters', 'checklistCompletedBy'),
      ],
      [
        { checklistCompletedBy: 'x'.repeat(151) },
        problem('completedBy', 'must be 1 to 150 characters', 'checklistCompletedBy'),
      ],
      [{ conditionalOfferDate: undefined }, problem('conditionalOfferDate', 'is required')],
      [{ proposedStartDate: '05/08/2026' }, problem('proposedStartDate', 'must be a date (YYYY-MM-DD)')],
    ])('when Trac holds %j, then the problem is %j', (overrides, expected) => {
      expect(fail(overrides)).toEqual(expected);
    });
  });

  it('when Trac items hold notes and identity items, then none of their values reach the body', () => {
    const items = withItems(
      aChecklistItem({ check: 'Identity', notes: 'PASSPORT-925076473' }),
      aChecklistItem({ check: 'Occupational Health', notes: 'HEALTH-ASTHMA' }),
      aChecklistItem({ notes: 'NOTE-5151' }),
    );
    const json = JSON.stringify(map({ ...items, notes: 'TOP-NOTE-6161' }));
    for (const value of [
      'PASSPORT-925076473',
      'HEALTH-ASTHMA',
      'NOTE-5151',
      'TOP-NOTE-6161',
      'notes',
      'IDENTITY',
    ]) {
      expect(json).not.toContain(value);
    }
  });

  it('when an ESR item that is not complete holds a completed date, then ESR rejects it', () => {
    const body = map(withItems(aChecklistItem({ status: 'Outstanding' })));
    const items = [{ check: 'DBS', status: 'OUTSTANDING', completedDate: '2026-06-01' }];
    expect(validateEsrBody('employment-checklist', { ...body, items }, TODAY)).toEqual({
      ok: false,
      errors: [{ field: 'items[0].completedDate', message: 'must be absent unless status is COMPLETE' }],
    });
  });
});
