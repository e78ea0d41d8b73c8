/**
 * A browser's part in a sign-in, over plain HTTP: cookies kept per host (as browsers do, whatever
 * the port: the connector and the provider both live on 127.0.0.1), redirects followed one by
 * one, the provider's sign-in form filled in. Tests stop at the callback to tamper with it.
 */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  /** Keeps the answer's `Set-Cookie`s; one with `Max-Age=0` or an old `Expires` is removed. */
  keep(answer: Response): void {
    for (const header of answer.headers.getSetCookie()) {
      const [pair = '', ...attributes] = header.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      const expired = attributes.some((attribute) => {
        const [key = '', setting = ''] = attribute.split('=').map((part) => part.trim());
        if (/^max-age$/i.test(key)) return Number(setting) <= 0;
        if (/^expires$/i.test(key)) return Date.parse(setting) <= Date.now();
        return false;
      });
      if (expired || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  get(name: string): string | undefined {
    return this.cookies.get(name);
  }

  set(name: string, value: string): void {
    this.cookies.set(name, value);
  }

  delete(name: string): void {
    this.cookies.delete(name);
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

export interface BrowserLike {
  jar: CookieJar;
  /** One request, no redirect followed; cookies sent and kept. */
  request(url: string, init?: RequestInit & { accept?: string }): Promise<Response>;
}

/** `always`: headers sent with every request (e.g. a proxy's `X-Forwarded-Proto: https`). */
export function aBrowser(jar = new CookieJar(), always: Record<string, string> = {}): BrowserLike {
  return {
    jar,
    async request(url, init = {}) {
      const headers = new Headers({ ...always, ...Object.fromEntries(new Headers(init.headers)) });
      headers.set('accept', init.accept ?? 'text/html');
      if (jar.header()) headers.set('cookie', jar.header());
      const answer = await fetch(url, {
        ...init,
        headers,
        redirect: 'manual',
        signal: AbortSignal.timeout(15_000),
      });
      jar.keep(answer);
      return answer;
    },
  };
}

const locationOf = (answer: Response, from: string): string => {
  const location = answer.headers.get('location');
  if (!location) throw new Error(`no Location from ${from} (status ${answer.status})`);
  return new URL(location, from).href;
};

/** Follows redirects from `url` until one leads to a URL `stop` accepts (returned, not requested). */
export async function followUntil(
  browser: BrowserLike,
  url: string,
  stop: (next: string) => boolean,
  maxHops = 10,
): Promise<string> {
  let current = url;
  for (let hop = 0; hop < maxHops; hop += 1) {
    if (stop(current)) return current;
    const answer = await browser.request(current);
    await answer.arrayBuffer();
    if (answer.status < 300 || answer.status >= 400) return current;
    current = locationOf(answer, current);
  }
  throw new Error(`more than ${maxHops} redirects from ${url}`);
}

/**
 * From an admin page, through the provider's sign-in form, to the connector's callback URL (with
 * `code` and `state`), not yet opened. `login`/`password` go into the provider's form.
 */
export async function signInUntilCallback(
  browser: BrowserLike,
  adminUrl: string,
  login: string,
  password: string,
): Promise<string> {
  const interaction = await followUntil(browser, adminUrl, (next) => next.includes('/interaction/'));
  const form = await browser.request(interaction);
  await form.text();
  const submitted = await browser.request(`${interaction}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login, password }).toString(),
  });
  await submitted.arrayBuffer();
  if (submitted.status !== 303 && submitted.status !== 302) {
    throw new Error(`the provider refused ${login}'s sign-in: ${submitted.status}`);
  }
  return followUntil(browser, locationOf(submitted, interaction), (next) => next.includes('/auth/callback'));
}

/** A whole sign-in as `login`: the session cookie is in the browser's jar afterwards. */
export async function signIn(browser: BrowserLike, adminUrl: string, login: string, password: string) {
  const callback = await signInUntilCallback(browser, adminUrl, login, password);
  const answer = await browser.request(callback);
  await answer.arrayBuffer();
  return { callback, answer };
}
