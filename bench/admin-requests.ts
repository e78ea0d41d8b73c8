import { Agent, request } from 'node:http';
import type { SeededTransfers } from './admin-seed';
import { round } from './process-stats';
import { sleep } from './run-scope';
import { percentile } from './stats';

/** The HR side's requests the admin phase times, as a browser or a script sends them. */
export const ADMIN_PAGES = ['overview', 'list', 'search', 'transfer', 'api'] as const;
export type AdminPage = (typeof ADMIN_PAGES)[number];

export interface AdminAnswer {
  status: number;
  ms: number;
  body: string;
}

/** An HR admin's client: HTTP Basic as a local account, one keep-alive connection like a browser. */
export function createAdminClient(baseUrl: string, user: string, password: string) {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const authorization = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

  function send(method: string, path: string, accept: string, body?: string): Promise<AdminAnswer> {
    const began = performance.now();
    const headers: Record<string, string> = { authorization, accept };
    if (body !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    return new Promise((resolve, reject) => {
      const req = request({ agent, method, host: url.hostname, port: url.port, path, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.once('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            ms: performance.now() - began,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      });
      req.once('error', reject);
      req.end(body);
    });
  }

  return {
    /** A page as a browser asks for it (HTML). */
    page: (path: string) => send('GET', path, 'text/html'),
    /** The JSON API as a script asks for it. */
    api: (path: string) => send('GET', path, 'application/json'),
    post: (path: string, json: unknown) => send('POST', path, 'application/json', JSON.stringify(json)),
    close: () => agent.destroy(),
  };
}

export type AdminClient = ReturnType<typeof createAdminClient>;

/** Which transfers the requests name: chosen afresh for each request among the seeded ones. */
export interface PageTargets {
  failed: readonly string[];
  all: readonly string[];
}

const pick = (ids: readonly string[]) => ids[Math.floor(Math.random() * ids.length)] ?? '';

/**
 * One request of each page: the overview; the failed list filtered by reason, on a page past the
 * first; a search by a Trac applicant id; a failed transfer's page (its match hints, ledger and
 * history); the JSON list of every transfer, a few pages in.
 */
export function requestOf(client: AdminClient, page: AdminPage, targets: PageTargets): Promise<AdminAnswer> {
  switch (page) {
    case 'overview':
      return client.page('/admin');
    case 'list':
      return client.page('/admin/transfers?state=failed&reason=NO_ESR_MATCH&page=2');
    case 'search':
      return client.page(
        `/admin/search?q=${encodeURIComponent(pick(targets.all).split('-').slice(1).join('-'))}`,
      );
    case 'transfer':
      return client.page(`/admin/transfers/${encodeURIComponent(pick(targets.failed))}`);
    case 'api':
      return client.api('/admin/transfers?page=3');
  }
}

export interface PageFigures {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Answers other than 200: any is a defect of the run. */
  non200: number;
}

function pageFigures(answers: { ms: number; status: number }[]): PageFigures {
  const sorted = answers.map((a) => a.ms).sort((a, b) => a - b);
  return {
    samples: answers.length,
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    maxMs: round(sorted[sorted.length - 1] ?? Number.NaN),
    non200: answers.filter((a) => a.status !== 200).length,
  };
}

/** One request every 200 ms at most: the pages are timed over a span in which many webhooks arrive. */
const CLICK_INTERVAL_MS = 200;

/** One HR admin's view of one Redis: its client and the transfers its requests may name. */
export interface PageSite {
  client: AdminClient;
  seeded: SeededTransfers;
}

/**
 * Each page `samples` times on every site, after one warm-up round: the pages in turn (an HR admin
 * clicking through), each page on every site one after the other, so that what else the machine
 * does at that moment falls on every site alike.
 */
export async function timePages(
  sites: readonly PageSite[],
  samples: number,
  signal: AbortSignal,
): Promise<Record<AdminPage, PageFigures>[]> {
  const targetsOf = (seeded: SeededTransfers) => ({
    failed: seeded.failed,
    all: [...seeded.completed, ...seeded.outstanding, ...seeded.failed],
  });
  const answers = sites.map(() => new Map<AdminPage, { ms: number; status: number }[]>());
  for (const site of sites) {
    for (const page of ADMIN_PAGES) await requestOf(site.client, page, targetsOf(site.seeded)); // JIT
  }
  for (let round = 0; round < samples; round += 1) {
    for (const page of ADMIN_PAGES) {
      for (const [i, site] of sites.entries()) {
        signal.throwIfAborted();
        const { ms, status } = await requestOf(site.client, page, targetsOf(site.seeded));
        const list = answers[i]?.get(page) ?? [];
        answers[i]?.set(page, [...list, { ms, status }]);
        await sleep(Math.max(0, CLICK_INTERVAL_MS - ms), signal);
      }
    }
  }
  return answers.map(
    (byPage) =>
      Object.fromEntries(ADMIN_PAGES.map((page) => [page, pageFigures(byPage.get(page) ?? [])])) as Record<
        AdminPage,
        PageFigures
      >,
  );
}
