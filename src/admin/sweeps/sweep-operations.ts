import { z } from 'zod';
import { SweepRecordSchema, type SweepRecord } from '../../transfer/sweep';
import { answer } from '../api/admin-schemas';
import type { WriteResult } from '../audit/perform-write';

/** `GET /admin/reconciliation` (connector.md): the interval, the watermark and the latest attempts. */
export const SweepStatusSchema = z.object({
  /** `RECONCILE_INTERVAL_SECONDS`; `0`: no scheduled sweep. */
  intervalSeconds: z.number().int().min(0),
  /** Start of the last successful sweep minus 10 minutes; null before the first. */
  watermark: z.string().nullable(),
  /** Each attempt, newest first, at most 20. */
  sweeps: z.array(SweepRecordSchema),
});
export type SweepStatus = z.infer<typeof SweepStatusSchema>;

/** `POST /admin/reconciliation`: a sweep is queued; a worker runs it. */
export const SweepQueuedAnswerSchema = z.object({ status: z.literal('queued') });

/** The receiver's side of the sweeps: queue one now, and read what they did. */
export interface SweepOperations {
  sweepNow(): Promise<WriteResult>;
  /**
   * The sweeps; for someone not acting for every organisation (`forAll` false), without what
   * concerns single organisations: times, outcomes and totals only.
   */
  status(forAll: boolean): Promise<SweepStatus>;
}

/** What every reader may see of a sweep: no organisation named. */
const overallOf = ({ startedAt, finishedAt, outcome, listed, started }: SweepRecord): SweepRecord => ({
  startedAt,
  finishedAt,
  outcome,
  listed,
  started,
});

/** Where sweeps are asked for and what they did is kept (src/store: the sweep queue and its log). */
export interface SweepRecords {
  /** Asks for a sweep now, or joins one already waiting; answers the id of the sweep that answers. */
  queueNow(): Promise<string>;
  /** Start of the last successful sweep minus 10 minutes; undefined before the first. */
  watermark(): Promise<Date | undefined>;
  /** The latest attempts, newest first. */
  latest(): Promise<SweepRecord[]>;
}

export interface SweepOperationsDeps {
  sweeps: SweepRecords;
  intervalSeconds: number;
}

export function createSweepOperations(deps: SweepOperationsDeps): SweepOperations {
  const { sweeps } = deps;
  return {
    // also when the interval is 0: the worker listens to the queue whatever the schedule
    async sweepNow() {
      const jobId = await sweeps.queueNow();
      return {
        answer: answer(202, { status: 'queued' }),
        target: `reconciliation ${jobId}`,
        organisations: '*',
      };
    },
    async status(forAll) {
      const [watermark, latest] = await Promise.all([sweeps.watermark(), sweeps.latest()]);
      return {
        intervalSeconds: deps.intervalSeconds,
        watermark: watermark?.toISOString() ?? null,
        sweeps: forAll ? latest : latest.map(overallOf),
      };
    },
  };
}
