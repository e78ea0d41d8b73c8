import { createEsrSandboxApp, type EsrSandbox, type EsrSandboxOptions } from './esr-sandbox';
import { listen, type ListeningServer } from './http-server';
import type { SandboxRuntimeOptions } from './sandbox-runtime';
import { DEMO_SEED } from './seed';
import type { SandboxSeed } from './seed-types';
import { createTracSandboxApp, type TracSandbox, type TracSandboxOptions } from './trac-sandbox';

type ServerOptions<O> = Omit<O, 'applicants' | 'organisations' | keyof SandboxRuntimeOptions>;

export interface StartSandboxesOptions extends SandboxRuntimeOptions {
  /** Listen address of both servers. Default `127.0.0.1`. */
  host?: string;
  /** Default 0: a free port chosen by the OS. */
  tracPort?: number;
  /** Default 0: a free port chosen by the OS. */
  esrPort?: number;
  /** Trac's faults, token lifetime, credentials. */
  trac?: ServerOptions<TracSandboxOptions>;
  /** ESR's faults, authorised organisations, token lifetime, key lifetime, credentials. */
  esr?: ServerOptions<EsrSandboxOptions>;
  /** Default `DEMO_SEED`. */
  seed?: SandboxSeed;
}

export interface StartedSandboxes {
  tracUrl: string;
  esrUrl: string;
  trac: TracSandbox;
  esr: EsrSandbox;
  /** Stops both servers and ends every open connection (held timeouts included). */
  close(): Promise<void>;
}

/** Both sandboxes as real HTTP servers, seeded, on free loopback ports unless told otherwise. */
export async function startSandboxes(options: StartSandboxesOptions = {}): Promise<StartedSandboxes> {
  const { host = '127.0.0.1', seed = DEMO_SEED, now, random, delay } = options;
  const runtime = { now, random, delay };
  const trac = createTracSandboxApp({ ...options.trac, ...runtime, applicants: seed.trac.applicants });
  const esr = createEsrSandboxApp({
    ...options.esr,
    ...runtime,
    organisations: seed.esr.organisations,
    applicants: seed.esr.applicants,
  });
  const started: ListeningServer[] = [];
  try {
    started.push(await listen(trac.app, host, options.tracPort ?? 0));
    started.push(await listen(esr.app, host, options.esrPort ?? 0));
  } catch (error) {
    await Promise.all(started.map((server) => server.close()));
    throw error;
  }
  const [tracServer, esrServer] = started as [ListeningServer, ListeningServer];
  return {
    tracUrl: tracServer.url,
    esrUrl: esrServer.url,
    trac: trac.sandbox,
    esr: esr.sandbox,
    close: async () => void (await Promise.all(started.map((server) => server.close()))),
  };
}
