import { html, SafeHtml } from './html';
import { ARROW_LEFT, ARROW_RIGHT } from './page-icons-html';

/** Pages around the current one that get a number of their own (the rest collapse into "⋯"). */
const NEIGHBOURS = 2;

/** The page numbers to show: first, last, and the current page's neighbours; 0 stands for a gap. */
export function pageNumbers(current: number, last: number): number[] {
  const shown: number[] = [];
  for (let page = 1; page <= last; page += 1) {
    const near = Math.abs(page - current) <= NEIGHBOURS;
    if (page === 1 || page === last || near) shown.push(page);
    else if (shown.at(-1) !== 0) shown.push(0);
  }
  return shown;
}

/**
 * The NHS.UK frontend's numbered pagination; `hrefOf(page)` builds each page's address (the list's
 * filters kept). Nothing when everything fits on one page.
 */
export function pagination(current: number, last: number, hrefOf: (page: number) => string): SafeHtml {
  if (last <= 1) return html``;
  const items = pageNumbers(current, last).map((page) => {
    if (page === 0) return html`<li class="nhsuk-pagination__item nhsuk-pagination__item--ellipsis">⋯</li>`;
    const isCurrent = page === current;
    return html`<li class="nhsuk-pagination__item${isCurrent ? ' nhsuk-pagination__item--current' : ''}">
      <a
        class="nhsuk-pagination__link"
        href="${hrefOf(page)}"
        aria-label="Page ${page}"
        ${isCurrent ? new SafeHtml('aria-current="page"') : ''}
        >${page}</a
      >
    </li>`;
  });
  const previous =
    current > 1
      ? html`<a href="${hrefOf(current - 1)}" class="nhsuk-pagination__previous" rel="prev"
          >${ARROW_LEFT}<span class="nhsuk-pagination__title"
            >Previous<span class="nhsuk-u-visually-hidden"> page</span></span
          ></a
        >`
      : '';
  const next =
    current < last
      ? html`<a href="${hrefOf(current + 1)}" class="nhsuk-pagination__next" rel="next"
          ><span class="nhsuk-pagination__title">Next<span class="nhsuk-u-visually-hidden"> page</span></span
          >${ARROW_RIGHT}</a
        >`
      : '';
  return html`<nav
    class="nhsuk-pagination nhsuk-pagination--numbered"
    role="navigation"
    aria-label="Pagination"
  >
    ${previous}
    <ul class="nhsuk-pagination__list">
      ${items}
    </ul>
    ${next}
  </nav>`;
}
