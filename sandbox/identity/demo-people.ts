import { randomBytes } from 'node:crypto';

/** `*` for every organisation, or organisation codes. */
export type DemoOrganisations = '*' | readonly string[];

/** A person who can sign in at the local provider with a user name and password. */
export interface DemoPerson {
  /** The user name typed at the provider's sign-in page; also the account id (`sub`). */
  login: string;
  /** The `name` claim. */
  name: string;
  /** What the person is for, as the banner says it. */
  description: string;
  /** The `roles` claim: `hr-admin`, `support`, or nothing (a person the service must refuse). */
  roles: readonly string[];
  /** The `organisations` claim. */
  organisations: DemoOrganisations;
}

/** A program with client credentials: its access tokens carry these roles and organisations. */
export interface DemoProgram {
  clientId: string;
  description: string;
  roles: readonly string[];
  organisations: DemoOrganisations;
}

/** The contract's demo people (connector.md), plus one with no role, to show the refusal page. */
export const DEMO_PEOPLE: readonly DemoPerson[] = [
  {
    login: 'hr-r0a',
    name: 'Demo HR admin (R0A)',
    description: 'HR admin for R0A only',
    roles: ['hr-admin'],
    organisations: ['R0A'],
  },
  {
    login: 'hr-7a1',
    name: 'Demo HR admin (7A1)',
    description: 'HR admin for 7A1 only',
    roles: ['hr-admin'],
    organisations: ['7A1'],
  },
  {
    login: 'hr-all',
    name: 'Demo HR admin (all)',
    description: 'HR admin for all organisations',
    roles: ['hr-admin'],
    organisations: '*',
  },
  {
    login: 'support',
    name: 'Demo support user',
    description: 'support (read-only), all organisations',
    roles: ['support'],
    organisations: '*',
  },
  {
    login: 'no-role',
    name: 'Demo person without a role',
    description: 'no role: sees "not authorised"',
    roles: [],
    organisations: '*',
  },
];

export const DEMO_PROGRAMS: readonly DemoProgram[] = [
  {
    clientId: 'demo-program',
    description: 'HR admin for all organisations',
    roles: ['hr-admin'],
    organisations: '*',
  },
  {
    clientId: 'demo-program-r0a',
    description: 'HR admin for R0A only',
    roles: ['hr-admin'],
    organisations: ['R0A'],
  },
];

/** A demo password or client secret: new each run unless given. */
export const aDemoSecret = (): string => randomBytes(12).toString('base64url');
