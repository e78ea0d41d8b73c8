import { createLabelReader, labelTable, YES_NO_LABELS } from '../../../src/records/labels';

const TABLE = labelTable({ 'Right to Work': 'RIGHT_TO_WORK', DBS: 'DBS' });

describe('Trac labels', () => {
  it.each([
    ['Right to Work', 'RIGHT_TO_WORK'],
    ['right to work', 'RIGHT_TO_WORK'],
    ['  RIGHT TO WORK\t\n', 'RIGHT_TO_WORK'],
    ['dbs', 'DBS'],
  ])('when the label is %j, then it is found ignoring case and surrounding white space', (label, value) => {
    expect(TABLE.lookup(label)).toBe(value);
  });

  it.each(['Right  to Work', 'Right-to-Work', 'RTW', ''])(
    'when the label is %j, then it is not listed',
    (label) => {
      expect(TABLE.lookup(label)).toBeUndefined();
    },
  );

  it.each([
    ['Yes', true],
    ['NO', false],
    [' yes ', true],
  ])('when the Yes/No label is %j, then it is %s', (label, value) => {
    expect(YES_NO_LABELS.lookup(label)).toBe(value);
  });

  it('when several labels are not listed, then the reader keeps the first problem with both names', () => {
    const reader = createLabelReader({ fields: { issuingBody: 'disclosureBody' } });
    reader.read(TABLE, 'Foo', ['issuingBody']);
    reader.read(TABLE, 'Bar', ['outcome']);
    expect(reader.problem).toEqual({
      field: 'issuingBody',
      tracField: 'disclosureBody',
      message: 'is not a listed label',
    });
  });

  it.each([[null], [undefined]])(
    'when Trac holds %p, then the reader returns nothing and no problem',
    (label) => {
      const reader = createLabelReader({ fields: {} });
      expect(reader.read(TABLE, label, ['check'])).toBeUndefined();
      expect(reader.problem).toBeUndefined();
    },
  );

  it('when an unlisted label holds free text, then the problem does not repeat it (it may be personal data)', () => {
    const reader = createLabelReader({ fields: {} });
    reader.read(TABLE, 'Dr Jane Example 1990-01-01', ['check']);
    expect(reader.problem?.message).toBe('is not a listed label');
  });
});
