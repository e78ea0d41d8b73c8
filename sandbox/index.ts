/**
 * Trac and ESR sandboxes: real HTTP servers implementing trac.md and esr.md, with fault
 * injection and `/sandbox/` control endpoints, for development, tests and the benchmark. They
 * live outside src/ (never in dist/ or the image) and judge the connector by their own reading of
 * docs/ (ESR's body rules, name normalisation, record types), importing nothing from src/.
 */
export { startSandboxes, type StartSandboxesOptions, type StartedSandboxes } from './start-sandboxes';
export {
  createTracSandboxApp,
  type TracSandbox,
  type TracSandboxOptions,
  type TracRequestLogEntry,
} from './trac-sandbox';
export { createEsrSandboxApp, type EsrSandbox, type EsrSandboxOptions } from './esr-sandbox';
export type { StoredRecordView, ReceivedPost, RecordFilter } from './esr-record-store';
export type { EsrApplicant, EsrApplicantPatch, EsrOrganisation } from './esr-data';
export type {
  LaterChecks,
  TracSandboxApplicant,
  TracApplicant,
  TracCheck,
  TracSandboxCheckType,
} from './trac-data';
export { FaultSettingsSchema, NO_FAULTS, type FaultSettings, type FaultSettingsInput } from './faults';
export {
  ListFaultSettingsSchema,
  ListPagingSchema,
  type ListFaultSettings,
  type ListFaultSettingsInput,
  type ListPagingInput,
  type TracListControls,
} from './trac-list-controls';
export type { ListPaging, ListSummary } from './trac-list';
export {
  ListMisbehaviourSchema,
  type ListMisbehaviour,
  type ListMisbehaviourInput,
} from './trac-list-misbehaviour';
export { IDEMPOTENCY_TTL_MS } from './esr-idempotency';
export type { SandboxRuntimeOptions } from './sandbox-runtime';
export {
  DEMO_SEED,
  DEMO_APPLICANTS,
  NEVER_SENT_MARKERS,
  generateApplicants,
  mergeSeeds,
  SEED_ORGANISATIONS,
  type DemoApplicant,
  type DemoExpectation,
  type GenerateApplicantsOptions,
  type SandboxSeed,
} from './seed';
export { DEMO_EXTRAS, REFERENCES_LATER_SECONDS, startSeed, type DemoExtra } from './demo-extras';
export {
  DEV_SEED,
  PREVIEW_DEMO_CASES,
  PREVIEW_SEED,
  PREVIEW_STATUS,
  type PreviewDemoCase,
} from './seed-preview';
