import {
  actsForAll,
  organisationsToRead,
  permits,
  permitsTransfer,
  type OrganisationScope,
} from '../../../src/admin/auth/organisation-scope';

const ENABLED = ['R0A', '7A1'];

describe('organisation scope', () => {
  it.each<[OrganisationScope, string, boolean]>([
    ['*', '7A1', true],
    [['R0A'], 'R0A', true],
    [['R0A'], '7A1', false],
    [[], 'R0A', false],
  ])('when %p is asked about %s, then it permits it: %p', (scope, code, expected) => {
    expect(permits(scope, code)).toBe(expected);
  });

  it.each<[OrganisationScope, string, boolean]>([
    ['*', '7A1-A-1', true],
    ['*', '17', true],
    [['R0A'], 'R0A-A-1', true],
    [['R0A'], '7A1-A-1', false],
    [['R0A'], '17', false],
    [['R0A'], 'r0a-A-1', false],
  ])('when %p is asked about transfer %s, then it may see it: %p', (scope, transferId, expected) => {
    expect(permitsTransfer(scope, transferId)).toBe(expected);
  });

  it.each<[OrganisationScope, readonly string[], boolean]>([
    ['*', ENABLED, true],
    [['7A1', 'R0A'], ENABLED, true],
    [['7A1', 'R0A', 'RX9'], ENABLED, true],
    [['R0A'], ENABLED, false],
    [['R0A'], [], false],
    ['*', [], true],
  ])('when %p acts and %p are enabled, then it acts for all: %p', (scope, enabled, expected) => {
    expect(actsForAll(scope, enabled)).toBe(expected);
  });

  it.each<[OrganisationScope, string | undefined, readonly string[] | undefined]>([
    ['*', undefined, undefined],
    ['*', '7A1', ['7A1']],
    [['R0A', '7A1'], undefined, ['R0A', '7A1']],
    [['R0A', '7A1'], '7A1', ['7A1']],
    [['R0A'], '7A1', []],
  ])('when %p lists with the filter %p, then the query reads %p', (scope, requested, expected) => {
    expect(organisationsToRead(scope, requested)).toEqual(expected);
  });
});
