import { identityFromClaims, organisationsOf, roleOf } from '../../../src/admin/auth/identity-claims';

const NAMES = { rolesClaim: 'roles', organisationsClaim: 'organisations' };

describe('roles and organisations from a provider’s claims', () => {
  it.each([
    [['hr-admin'], 'hr-admin'],
    ['support hr-admin', 'hr-admin'],
    [['support'], 'support'],
    ['support', 'support'],
    [['reader', 'HR-ADMIN'], undefined],
    [undefined, undefined],
    [42, undefined],
  ])('when the roles claim is %p, then the role is %p', (claim, role) => {
    expect(roleOf(claim)).toBe(role);
  });

  it.each([
    ['*', '*'],
    [['R0A', '*'], '*'],
    [
      ['R0A', '7A1'],
      ['R0A', '7A1'],
    ],
    ['r0a 7A1 R0A', ['R0A', '7A1']],
    ['R0A,7A1', ['R0A', '7A1']],
    [['R0A', 'not a code', 'TOOLONGCODE', 7], ['R0A']],
    [undefined, []],
  ])('when the organisations claim is %p, then the scope is %p', (claim, scope) => {
    expect(organisationsOf(claim)).toEqual(scope);
  });

  it('when a token has a role and organisations, then the identity names the person by name, else user name, else subject', () => {
    const base = { sub: 'a1b2', roles: ['hr-admin'], organisations: ['R0A'] };

    expect(identityFromClaims({ ...base, name: 'Ann Example', preferred_username: 'ann' }, NAMES)).toEqual({
      subject: 'a1b2',
      user: 'Ann Example',
      name: 'Ann Example',
      role: 'hr-admin',
      organisations: ['R0A'],
    });
    expect(identityFromClaims({ ...base, preferred_username: 'ann' }, NAMES)).toMatchObject({ user: 'ann' });
    expect(identityFromClaims(base, NAMES)).toEqual({
      subject: 'a1b2',
      user: 'a1b2',
      role: 'hr-admin',
      organisations: ['R0A'],
    });
  });

  it('when a token has no known role, or no organisation, then it gives no identity and says why', () => {
    expect(identityFromClaims({ sub: 'x', roles: ['reader'], organisations: '*' }, NAMES)).toBe('no_role');
    expect(identityFromClaims({ sub: 'x', roles: ['support'] }, NAMES)).toBe('no_organisations');
  });

  it('when the claim names are nested paths or literal names with dots, then both are found', () => {
    const names = { rolesClaim: 'realm_access.roles', organisationsClaim: 'extn.organisations' };
    const claims = { sub: 'x', realm_access: { roles: ['support'] }, 'extn.organisations': 'R0A 7A1' };

    expect(identityFromClaims(claims, names)).toMatchObject({
      role: 'support',
      organisations: ['R0A', '7A1'],
    });
  });
});
