import type { AdminIdentity } from '../auth/admin-users';
import { html, type SafeHtml } from './html';
import { NHS_LOGO, SEARCH_ICON, USER_ICON } from './page-icons-html';
import { NAVIGATION, type NavigationItem } from './page-navigation';
import { CSRF_FIELD } from '../auth/write-guard';

/** The service's name in the NHS.UK header and every page title. */
export const SERVICE_NAME = 'DiT employment checks';

/** The NHS logo and the service's name, linking to the overview: every page's header starts so. */
export const SERVICE_LOGO = html`<a
  class="nhsuk-header__service-logo"
  href="/admin"
  aria-label="NHS ${SERVICE_NAME} overview"
>
  ${NHS_LOGO}
  <span class="nhsuk-header__service-name">${SERVICE_NAME}</span>
</a>`;

/** What the header shows: who is signed in, the current menu entry, what the search box holds. */
export interface HeaderOptions {
  identity: AdminIdentity;
  current?: string;
  search?: string;
}

function navigationItem(item: NavigationItem, current: string | undefined): SafeHtml {
  if (item.href !== current) {
    return html`<li class="nhsuk-header__navigation-item">
      <a class="nhsuk-header__navigation-link" href="${item.href}">${item.text}</a>
    </li>`;
  }
  return html`<li class="nhsuk-header__navigation-item nhsuk-header__navigation-item--current">
    <a class="nhsuk-header__navigation-link" href="${item.href}" aria-current="page"
      ><strong class="nhsuk-header__navigation-item-current-fallback">${item.text}</strong></a
    >
  </li>`;
}

/**
 * Sign out, for a person signed in with the provider (a local account's browser keeps its HTTP
 * Basic credentials until it closes: there is nothing to sign out of).
 */
function signOutItem(identity: AdminIdentity): SafeHtml {
  if (identity.subject === undefined) return html``;
  return html`<li class="nhsuk-header__account-item">
    <form class="nhsuk-header__account-form" action="/auth/sign-out" method="post" novalidate>
      <input type="hidden" name="${CSRF_FIELD}" value="${identity.csrfToken}" />
      <button class="nhsuk-header__account-button" type="submit">Sign out</button>
    </form>
  </li>`;
}

/** The NHS.UK header: logo and service name, the search box, who is signed in, the menu. */
export function header(options: HeaderOptions): SafeHtml {
  const { identity } = options;
  const roleText = identity.role === 'hr-admin' ? 'HR admin' : 'support (read-only)';
  const items = NAVIGATION.filter(
    (item) =>
      (!item.roles || item.roles.includes(identity.role)) &&
      (!item.forAllOrganisations || identity.organisations === '*'),
  );
  return html`<header class="nhsuk-header" data-module="nhsuk-header" role="banner">
    <div class="nhsuk-header__container nhsuk-width-container">
      <div class="nhsuk-header__service">${SERVICE_LOGO}</div>
      <search class="nhsuk-header__search">
        <form class="nhsuk-header__search-form" id="search" action="/admin/search" method="get" novalidate>
          <div class="nhsuk-form-group">
            <label class="nhsuk-label nhsuk-u-visually-hidden" for="search-field">
              Find a transfer by transfer id or Trac applicant id
            </label>
            <div class="nhsuk-input-wrapper">
              <input
                class="nhsuk-input"
                id="search-field"
                name="q"
                type="search"
                autocomplete="off"
                placeholder="Transfer or applicant id"
                value="${options.search ?? ''}"
              />
              <button
                class="nhsuk-button nhsuk-button--icon nhsuk-button--small"
                data-module="nhsuk-button"
                type="submit"
                aria-label="Search"
              >
                ${SEARCH_ICON}
              </button>
            </div>
          </div>
        </form>
      </search>
      <nav class="nhsuk-header__account" aria-label="Account">
        <ul class="nhsuk-header__account-list">
          <li class="nhsuk-header__account-item">
            ${USER_ICON} Signed in as <strong>${identity.user}</strong>
          </li>
          <li class="nhsuk-header__account-item">${roleText}</li>
          ${signOutItem(identity)}
        </ul>
      </nav>
    </div>
    <nav class="nhsuk-header__navigation" aria-label="Menu">
      <div class="nhsuk-header__navigation-container nhsuk-width-container">
        <ul class="nhsuk-header__navigation-list">
          ${items.map((item) => navigationItem(item, options.current))}
          <li class="nhsuk-header__menu" hidden>
            <button
              class="nhsuk-header__menu-toggle nhsuk-header__navigation-link"
              id="toggle-menu"
              aria-expanded="false"
            >
              <span class="nhsuk-u-visually-hidden">Browse </span>More
            </button>
          </li>
        </ul>
      </div>
    </nav>
  </header>`;
}
