/**
 * The benchmark's Trac and ESR sandboxes, in a process of their own so that serving fourteen
 * requests per transfer does not share an event loop with the measurement (autocannon, the bare
 * loop). Seeded with `BENCH_APPLICANTS` generated happy applicants (`B-000001`…), every API answer
 * delayed by `BENCH_LATENCY_MS`, no request log (memory stays flat). Prints one line
 * `bench-sandboxes-ready {"tracUrl":…,"esrUrl":…}` and runs until SIGTERM.
 */
import { z } from 'zod';
import { generateApplicants, mergeSeeds, startSandboxes } from '../sandbox';
import { previewBenchSeed } from './preview-seed';
import { SANDBOX_READY } from './ready-lines';

const EnvSchema = z.object({
  BENCH_APPLICANTS: z.coerce.number().int().min(0),
  BENCH_LATENCY_MS: z.coerce.number().int().min(0),
  BENCH_PREVIEW_APPLICANTS: z.coerce.number().int().min(0).default(0),
});

async function main(): Promise<void> {
  const env = EnvSchema.parse(process.env);
  const faults = { latencyMs: env.BENCH_LATENCY_MS };
  const seed = mergeSeeds(
    generateApplicants(env.BENCH_APPLICANTS),
    previewBenchSeed(env.BENCH_PREVIEW_APPLICANTS),
  );
  const sandboxes = await startSandboxes({
    seed,
    trac: { faults, logRequests: false },
    esr: {
      faults,
      logRequests: false,
      // The same list ESR derives by default, given up front: the default derivation scans every
      // applicant on each record POST (esr-sandbox.ts authorisedOrganisations), which made the
      // sandbox, not the connector, the bottleneck of a run with tens of thousands of applicants.
      authorisedOrganisations: seed.esr.organisations.map((organisation) => organisation.code),
    },
  });
  console.log(`${SANDBOX_READY} ${JSON.stringify({ tracUrl: sandboxes.tracUrl, esrUrl: sandboxes.esrUrl })}`);
  const stop = () => void sandboxes.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(`bench sandboxes: ${(error as Error).message}`);
  process.exit(1);
});
