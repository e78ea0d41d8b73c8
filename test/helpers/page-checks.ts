import type { Page } from 'playwright-core';
import { axeViolations } from './accessibility';

/**
 * What an HR page must never show: developer text. Each with what it catches.
 * - an HTTP status in brackets or named as one: `done (202)`, `answered 503`, `422 VALIDATION_FAILED`
 * - an error's name or a thrown error's text: `UnrecoverableError`, `Error: NO_ESR_MATCH`
 * - a stack frame: `at processTransfer (`
 * - a file path: `/src/`, `run-transfer.ts:12`, `node_modules`
 * - a field path: `dbs.certificateNumber`, `person.dateOfBirth`
 * - a time in UTC or as ISO 8601: HR reads UK time
 */
export const DEVELOPER_TEXT: readonly (readonly [string, RegExp])[] = [
  ['an HTTP status in brackets', /\(\s*[1-5]\d\d\s*\)/],
  ['an HTTP status named', /\b(?:HTTP|status|answered|answer|code)\s+[1-5]\d\d\b/i],
  ['an HTTP status with its code', /\b[1-5]\d\d\s+[A-Z][A-Z_]{3,}\b/],
  ['an error', /\b[A-Z]\w*Error\b|Error:/],
  ['a stack frame', /\bat\s+[\w.$<>]+\s+\(/],
  ['a file path', /\/src\/|\/dist\/|node_modules|\.[jt]s:\d/],
  ['a field path', /\b[a-z]+\.[a-z]+[A-Z]/],
  ['a time in UTC', /\bUTC\b|\d{4}-\d\d-\d\dT\d\d:/],
];

/**
 * The page's text as HR reads it (screen-reader text included), without the NHS.UK error
 * message's own visually hidden "Error:" prefix (the design system's label of a field's error,
 * not developer text).
 */
async function readableText(page: Page): Promise<string> {
  // a string, run as the page's own code: this file is compiled without the DOM's types
  return page.evaluate(`(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('.nhsuk-error-message > .nhsuk-u-visually-hidden').forEach((e) => e.remove());
    return copy.textContent.replace(/\\s+/g, ' ');
  })()`);
}

/** Each kind of developer text the page shows, with the words around it (empty: none). */
export async function developerTextOn(page: Page): Promise<string[]> {
  const text = await readableText(page);
  return DEVELOPER_TEXT.flatMap(([what, pattern]) => {
    const match = pattern.exec(text);
    if (!match) return [];
    const around = text.slice(Math.max(0, match.index - 40), match.index + match[0].length + 40);
    return [`${what}: …${around}…`];
  });
}

/** The viewport widths every page must fit without sideways scrolling: WCAG 1.4.10 reflow, and a laptop. */
export const WIDTHS = [320, 1280] as const;

/** The innermost elements that reach past the viewport's right edge (what to fix when a page does not reflow). */
const PAST_THE_EDGE = `[...document.body.querySelectorAll('*')]
  .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 0.5)
  .filter((e) => ![...e.children].some((c) => c.getBoundingClientRect().right > window.innerWidth + 0.5))
  .slice(0, 5)
  .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (typeof e.className === 'string' && e.className ? '.' + e.className.split(' ').join('.') : ''))`;

const OVERFLOW = 'document.documentElement.scrollWidth - window.innerWidth';
const TWO_FRAMES = 'new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))';

/**
 * How much wider than the viewport the page is once its scripts have followed the new size: the
 * NHS.UK header folds its menu from a ResizeObserver, a frame or more after the resize. Measured
 * until it stays put, for up to a second.
 */
async function settledOverflow(page: Page): Promise<number> {
  let pixels = Number.NaN;
  for (let tries = 0; tries < 10; tries += 1) {
    await page.evaluate(TWO_FRAMES);
    const now = Number(await page.evaluate(OVERFLOW));
    if (now === pixels) return now;
    pixels = now;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pixels;
}

/** How much wider than the viewport the page is at each width (0 everywhere: it reflows), and what sticks out. */
export async function overflowAt(page: Page): Promise<Record<number, number | string[]>> {
  const before = page.viewportSize() ?? { width: 1280, height: 900 };
  const overflow: Record<number, number | string[]> = {};
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: before.height });
    const pixels = await settledOverflow(page);
    overflow[width] =
      pixels > 0 ? [`${pixels} px wider`, ...(await page.evaluate<string[]>(PAST_THE_EDGE))] : 0;
  }
  await page.setViewportSize(before);
  return overflow;
}

/**
 * What a page fails of the HR pages' rules: axe (WCAG 2.2 AA) at 1,280 px (and at 320 px when
 * `narrow`), reflow at both widths, developer text.
 */
export async function pageProblems(
  page: Page,
  options: { narrow?: boolean } = {},
): Promise<Record<string, unknown>> {
  const size = page.viewportSize() ?? { width: 1280, height: 900 };
  const axeWide = await axeViolations(page);
  let axeNarrow: Awaited<ReturnType<typeof axeViolations>> = [];
  if (options.narrow) {
    await page.setViewportSize({ width: 320, height: size.height });
    await settledOverflow(page);
    axeNarrow = await axeViolations(page);
    await page.setViewportSize(size);
  }
  const overflow = await overflowAt(page);
  const problems: Record<string, unknown> = {};
  if (axeWide.length > 0) problems.axeAt1280 = axeWide;
  if (axeNarrow.length > 0) problems.axeAt320 = axeNarrow;
  if (Object.values(overflow).some((pixels) => pixels !== 0)) problems.widerThanTheScreen = overflow;
  const text = await developerTextOn(page);
  if (text.length > 0) problems.developerText = text;
  return problems;
}
