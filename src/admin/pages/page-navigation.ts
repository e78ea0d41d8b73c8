import type { AdminRole } from '../auth/admin-users';

/** One entry of the HR pages' navigation bar (under the NHS.UK header). */
export interface NavigationItem {
  /** Where it leads; a page marks its entry current by passing this `href` to `renderPage`. */
  href: string;
  text: string;
  /** Who sees the entry; everyone when left out. */
  roles?: readonly AdminRole[];
  /** Shown only to those acting for every organisation (`*`): what it opens holds all of theirs. */
  forAllOrganisations?: true;
}

/**
 * The navigation of every HR page, left to right. A new page (a section of its own, e.g.
 * sweeps or match previews) adds its entry here; its router renders with `renderPage`
 * from page-layout.ts and `current: '<its href>'`.
 */
export const NAVIGATION: readonly NavigationItem[] = [
  { href: '/admin', text: 'Overview' },
  { href: '/admin/transfers?state=failed', text: 'Failed transfers' },
  { href: '/admin/transfers', text: 'All transfers' },
  { href: '/admin/match-previews', text: 'Match previews' },
  { href: '/admin/queues', text: 'Queue (Bull Board)', forAllOrganisations: true },
];

/** The footer's links: the machine-readable sides of the same service. */
export const FOOTER_LINKS: readonly NavigationItem[] = [
  { href: '/admin/audit', text: 'Audit log' },
  { href: '/openapi.json', text: 'API description (OpenAPI)' },
];
