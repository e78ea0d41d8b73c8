import type { EsrApplicant, EsrOrganisation } from './esr-data';
import type { TracSandboxApplicant } from './trac-data';

/** What both sandboxes start with; Trac and ESR sides describe the same people. */
export interface SandboxSeed {
  trac: { applicants: readonly TracSandboxApplicant[] };
  esr: { organisations: readonly EsrOrganisation[]; applicants: readonly EsrApplicant[] };
}

/** The organisations of config/organisations.json that have a live DiT interface. */
export const SEED_ORGANISATIONS: readonly EsrOrganisation[] = Object.freeze([
  { code: 'R0A', ditProvider: 'TIS' },
  { code: '7A1', ditProvider: 'HICOM' },
]);

/** One seed from several, e.g. `mergeSeeds(DEMO_SEED, generateApplicants(50_000))`. */
export function mergeSeeds(...seeds: readonly SandboxSeed[]): SandboxSeed {
  const organisations = new Map<string, EsrOrganisation>();
  for (const seed of seeds) for (const o of seed.esr.organisations) organisations.set(o.code, o);
  return {
    trac: { applicants: seeds.flatMap((seed) => seed.trac.applicants) },
    esr: {
      organisations: [...organisations.values()],
      applicants: seeds.flatMap((seed) => seed.esr.applicants),
    },
  };
}
