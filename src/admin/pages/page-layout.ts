import type { AdminIdentity } from '../auth/admin-users';
import { html, type SafeHtml } from './html';
import { assetPaths } from './page-assets';
import { header, SERVICE_NAME } from './page-header-html';
import { FOOTER_LINKS } from './page-navigation';

/** What a page tells its reader after an action: done (`success`), or why not (`problem`). */
export interface Notice {
  kind: 'success' | 'problem';
  text: string;
  /** A problem's fields, each linked to its input (the error summary's list). */
  links?: readonly { href: string; text: string }[];
}

export interface PageOptions {
  /** The page's `<h1>`, and the first part of its `<title>`. */
  title: string;
  identity: AdminIdentity;
  /** Everything under the `<h1>`: sections built with `html`. */
  body: SafeHtml | readonly SafeHtml[];
  notice?: Notice;
  /** The `href` of this page's NAVIGATION entry, marked as the current one. */
  current?: string;
  /** What the search box holds (on the search results page). */
  search?: string;
  /** A link back, above the heading (e.g. from a transfer to the list). */
  backLink?: { href: string; text: string };
}

/** A success is a notification banner; a problem is an error summary (focused on load by its script). */
function noticeHtml(notice: Notice | undefined): SafeHtml {
  if (!notice) return html``;
  if (notice.kind === 'success') {
    return html`<div
      class="nhsuk-notification-banner nhsuk-notification-banner--success"
      data-module="nhsuk-notification-banner"
      role="status"
      aria-labelledby="notice-title"
    >
      <div class="nhsuk-notification-banner__header">
        <h2 class="nhsuk-notification-banner__title" id="notice-title">Done</h2>
      </div>
      <div class="nhsuk-notification-banner__content">
        <p class="notice success nhsuk-notification-banner__heading">${notice.text}</p>
      </div>
    </div>`;
  }
  return html`<div class="nhsuk-error-summary" data-module="nhsuk-error-summary">
    <div role="alert">
      <h2 class="nhsuk-error-summary__heading">There is a problem</h2>
      <div class="nhsuk-error-summary__body">
        <p class="notice problem">${notice.text}</p>
        ${
          notice.links?.length
            ? html`<ul class="nhsuk-list nhsuk-error-summary__list">
                ${notice.links.map((link) => html`<li><a href="${link.href}">${link.text}</a></li>`)}
              </ul>`
            : ''
        }
      </div>
    </div>
  </div>`;
}

const footer = html`<footer class="nhsuk-footer" role="contentinfo">
  <div class="nhsuk-width-container">
    <div class="nhsuk-footer__meta">
      <h2 class="nhsuk-u-visually-hidden">Support links</h2>
      <ul class="nhsuk-footer__list">
        ${FOOTER_LINKS.map(
          (link) =>
            html`<li class="nhsuk-footer__list-item">
              <a class="nhsuk-footer__list-item-link" href="${link.href}">${link.text}</a>
            </li>`,
        )}
      </ul>
      <p class="nhsuk-body-s">
        ${SERVICE_NAME}: Trac to ESR, once. Identifiers and outcomes only: no names, dates of birth or check
        contents.
      </p>
    </div>
  </div>
</footer>`;

function backLink(link: PageOptions['backLink']): SafeHtml {
  if (!link) return html``;
  return html`<a class="nhsuk-back-link" href="${link.href}">${link.text}</a>`;
}

/**
 * A whole HR page in the NHS.UK frontend's layout: skip link, header (service name, search box,
 * who is signed in, NAVIGATION), the notice, the `<h1>` and the body, footer. Its stylesheet and
 * script are this site's own files (page-assets.ts): nothing inline, so the pages' policy
 * (page-policy.ts) allows no inline script or style.
 */
export function renderPage(options: PageOptions): string {
  return renderDocument({
    title: options.title,
    header: header(options),
    main: html`${backLink(options.backLink)}
      <main class="nhsuk-main-wrapper" id="maincontent">
        ${noticeHtml(options.notice)}
        <h1>${options.title}</h1>
        ${options.body}
      </main>`,
    footer,
  });
}

/**
 * The document every page of the connector is: head (this site's own stylesheet and script), skip
 * link, the page's header, its main column and its footer. The HR pages and the sign-in's own
 * pages differ only in those three parts.
 */
export function renderDocument(parts: {
  title: string;
  header: SafeHtml;
  main: SafeHtml;
  footer: SafeHtml;
}): string {
  const assets = assetPaths();
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <title>${parts.title} — ${SERVICE_NAME}</title>
        <link rel="icon" href="${assets.favicon}" type="image/svg+xml" />
        <link rel="stylesheet" href="${assets.stylesheet}" />
        <script type="module" src="${assets.script}"></script>
      </head>
      <body>
        <a class="nhsuk-skip-link" data-module="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
        ${parts.header}
        <div class="nhsuk-width-container">${parts.main}</div>
        ${parts.footer}
      </body>
    </html>`.value;
}
