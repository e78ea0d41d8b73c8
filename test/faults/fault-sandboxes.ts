import express, { type RequestHandler } from 'express';
import { createEsrSandboxApp, createTracSandboxApp, type EsrSandbox, type SandboxSeed } from '../../sandbox';
import { listen, type ListeningServer } from '../../sandbox/http-server';

/** Both sandboxes on loopback, and a count of every answer ESR's API gave (or did not give). */
export interface FaultSandboxes {
  tracUrl: string;
  esrUrl: string;
  esr: EsrSandbox;
  /** By `METHOD status`, e.g. `POST 201`, `GET 429`; `no answer` for held timeouts and lost responses. */
  esrAnswers: Record<string, number>;
  /** Every access token either sandbox handed out, for the scan of logs and Redis for secrets. */
  issuedTokens: string[];
  close(): Promise<void>;
}

/** Records the `access_token` of every token answer (`POST /oauth/token`, `/oauth2/token`). */
function recordIssuedTokens(issued: string[]): RequestHandler {
  return (req, res, next) => {
    if (!req.path.endsWith('/token')) return next();
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      const token = (body as { access_token?: unknown } | null)?.access_token;
      if (typeof token === 'string') issued.push(token);
      return json(body);
    };
    next();
  };
}

function countAnswers(counts: Record<string, number>): RequestHandler {
  return (req, res, next) => {
    if (!req.path.startsWith('/dit/v1/')) return next();
    let answered = false;
    const bump = (key: string) => (counts[key] = (counts[key] ?? 0) + 1);
    res.on('finish', () => {
      answered = true;
      bump(`${req.method} ${res.statusCode}`);
    });
    res.on('close', () => {
      if (!answered) bump(`${req.method} no answer`);
    });
    next();
  };
}

/**
 * The Trac and ESR sandboxes as real servers in this process. Trac keeps no request log (1,000
 * applicants × 7 calls); ESR keeps every raw POST body, which the checks search for never-sent data.
 */
export async function startFaultSandboxes(seed: SandboxSeed): Promise<FaultSandboxes> {
  const trac = createTracSandboxApp({ applicants: seed.trac.applicants, logRequests: false });
  const esr = createEsrSandboxApp({
    organisations: seed.esr.organisations,
    applicants: seed.esr.applicants,
    logRequests: true,
  });
  const esrAnswers: Record<string, number> = {};
  const issuedTokens: string[] = [];
  const counted = express();
  counted.disable('x-powered-by');
  counted.use(recordIssuedTokens(issuedTokens), countAnswers(esrAnswers), esr.app);
  const tracRecorded = express();
  tracRecorded.disable('x-powered-by');
  tracRecorded.use(recordIssuedTokens(issuedTokens), trac.app);

  const servers: ListeningServer[] = [];
  try {
    servers.push(await listen(tracRecorded, '127.0.0.1', 0));
    servers.push(await listen(counted, '127.0.0.1', 0));
  } catch (error) {
    await Promise.all(servers.map((server) => server.close()));
    throw error;
  }
  const [tracServer, esrServer] = servers as [ListeningServer, ListeningServer];
  return {
    tracUrl: tracServer.url,
    esrUrl: esrServer.url,
    esr: esr.sandbox,
    esrAnswers,
    issuedTokens,
    close: async () => void (await Promise.all(servers.map((server) => server.close()))),
  };
}
