import { parseArgs } from 'node:util';
import { z } from 'zod';

export const PHASES = ['receiver', 'flood', 'bare', 'e2e', 'nominal', 'admin', 'tracing', 'preview'] as const;
export type Phase = (typeof PHASES)[number];

const count = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const OptionsSchema = z.object({
  /** End-to-end transfers fired as fast as the receiver accepts them. */
  transfers: count(1, 200_000).default(5000),
  /** Transfers in flight: worker concurrency, bare-loop concurrency, webhooks in flight. */
  concurrency: count(1, 1000).default(50),
  /** Worker processes sharing the concurrency budget each (WORKER_CONCURRENCY per process). */
  workers: count(1, 16).default(1),
  /** autocannon connections of the receiver phase. */
  connections: count(1, 1000).default(50),
  /** Measured seconds of each receiver run (after a 2-second warm-up). */
  'receiver-seconds': count(1, 600).default(10),
  /** Saturated runs of each app in the receiver phase, alternating between them. */
  'receiver-rounds': count(1, 20).default(3),
  /** Requests per second offered in the receiver's fixed-rate runs (latency without queueing). */
  'receiver-rate': count(1, 100_000).default(200),
  /** Bad-signature 256 KiB posts per second of the flood phase (valid webhooks: the nominal rate). */
  'flood-rate': count(1, 10_000).default(150),
  /** Seconds of each flood-phase window: flood alone, valid alone, both together. */
  'flood-seconds': count(1, 600).default(10),
  /** Transfers of the bare-loop baseline; default min(transfers, 5000). */
  'baseline-transfers': count(1, 200_000).optional(),
  /** Webhooks per minute of the nominal-load run, and how long it lasts. */
  'nominal-per-minute': count(1, 60_000).default(300),
  'nominal-seconds': count(0, 3600).default(60),
  /** Transfers of each pipeline of the tracing phase (one with tracing off, one on, at once). */
  'tracing-transfers': count(1, 100_000).default(2000),
  /** Pairs of pipelines the tracing phase runs, one pair after the other. */
  'tracing-pairs': count(1, 10).default(2),
  /** Finished transfers in Redis while the HR pages are timed (the admin phase's larger run). */
  'admin-transfers': count(1, 500_000).default(50_000),
  /** The admin phase's smaller run first, so that growth shows (0: none). */
  'admin-smaller': count(0, 500_000).default(5000),
  /** Requests of each HR page per run of the admin phase. */
  'admin-samples': count(1, 10_000).default(40),
  /** Webhooks a second arriving while the HR pages are timed. */
  'admin-webhooks-per-second': count(1, 1000).default(20),
  /** Applicants of the match-preview phase (7A1, at the default ESR rate limit). */
  'preview-applicants': count(1, 100_000).default(2000),
  /** Latency added by both sandboxes to every API answer, milliseconds. */
  'latency-ms': count(0, 10_000).default(20),
  /** The whole run is aborted after this long; default max(20, 10 + transfers / 2000). */
  'max-minutes': count(1, 600).optional(),
  /** Writes V8 CPU profiles of the receiver and worker processes into this directory. */
  profile: z.string().min(1).optional(),
  /** Which phases run, comma-separated; default all. */
  phases: z
    .string()
    .default(PHASES.join(','))
    .transform((value) => value.split(',').map((phase) => phase.trim()))
    .pipe(z.array(z.enum(PHASES)).min(1)),
  'json-only': z.boolean().default(false),
});

export type BenchOptions = Omit<z.infer<typeof OptionsSchema>, 'baseline-transfers' | 'max-minutes'> & {
  'baseline-transfers': number;
  'max-minutes': number;
};

const STRING_OPTIONS = [
  'transfers',
  'concurrency',
  'workers',
  'connections',
  'receiver-seconds',
  'receiver-rounds',
  'receiver-rate',
  'flood-rate',
  'flood-seconds',
  'baseline-transfers',
  'nominal-per-minute',
  'nominal-seconds',
  'tracing-transfers',
  'tracing-pairs',
  'admin-transfers',
  'admin-smaller',
  'admin-samples',
  'admin-webhooks-per-second',
  'preview-applicants',
  'latency-ms',
  'max-minutes',
  'profile',
  'phases',
] as const;

/** `npm run bench -- --transfers 50000 --concurrency 50 --json-only`; throws naming each bad flag. */
export function parseBenchOptions(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      ...Object.fromEntries(STRING_OPTIONS.map((name) => [name, { type: 'string' as const }])),
      'json-only': { type: 'boolean' },
    },
  });
  const parsed = OptionsSchema.safeParse(values);
  if (!parsed.success) throw new Error(`bench options: ${z.prettifyError(parsed.error)}`);
  const options = parsed.data;
  return {
    ...options,
    'baseline-transfers': options['baseline-transfers'] ?? Math.min(options.transfers, 5000),
    // 50,000 transfers take about 20 minutes on 2 cores: the default bound grows with the run
    'max-minutes': options['max-minutes'] ?? Math.max(20, Math.ceil(10 + options.transfers / 2000)),
  };
}
