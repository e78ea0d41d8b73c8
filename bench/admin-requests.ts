import { Agent, request } from 'node:http';
import type { SeededTransfers } from './admin-seed';
import { round } from './process-stats';
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

/** Each page `samples` times, the pages in turn (one HR admin clicking through), after one warm-up round. */
export async function timePages(
  client: AdminClient,
  seeded: SeededTransfers,
  samples: number,
  signal: AbortSignal,
) {
  const targets = {
    failed: seeded.failed,
    all: [...seeded.completed, ...seeded.outstanding, ...seeded.failed],
  };
  for (const page of ADMIN_PAGES) await requestOf(client, page, targets); // JIT, connections
  const answers = Object.fromEntries(
    ADMIN_PAGES.map((page) => [page, [] as { ms: number; status: number }[]]),
  );
  for (let round = 0; round < samples; round += 1) {
    for (const page of ADMIN_PAGES) {
      signal.throwIfAborted();
      const { ms, status } = await requestOf(client, page, targets);
      answers[page]?.push({ ms, status });
    }
  }
  return Object.fromEntries(ADMIN_PAGES.map((page) => [page, pageFigures(answers[page] ?? [])])) as Record<
    AdminPage,
    PageFigures
  >;
}
