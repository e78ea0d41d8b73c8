import { chromium, type Browser } from 'playwright-core';

/** Debian's chromium package; `npm test`'s set-up installs it. */
const CHROMIUM = '/usr/bin/chromium';
/**
 * Playwright adds --headless and a fresh temporary --user-data-dir itself. Without the
 * background-networking flags Chromium keeps trying hosts this closed network refuses.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Headless Chromium for a test file: launched in `beforeAll`, closed in `afterAll`; call the result in tests. */
export function withChromium(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 20_000,
    });
  }, 40_000);
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
  });
  return () => {
    if (!browser) throw new Error('withChromium(): use the browser inside a test, after beforeAll');
    return browser;
  };
}
