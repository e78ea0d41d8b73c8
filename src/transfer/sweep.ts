import { z } from 'zod';

/**
 * A sweep as the domain sees it (connector.md "Reconciliation"): the record of each
 * attempt and the port through which a sweep keeps its watermark and those records. The Redis
 * adapter is src/store/sweep-log.ts. Times and counts only, never an applicant.
 */

/** The watermark trails the start of the last successful sweep by this much (connector.md). */
export const WATERMARK_OVERLAP_MS = 10 * 60 * 1000;

/** Sweep attempts kept and shown, newest first (connector.md: at most 20). */
export const SWEEPS_SHOWN = 20;

export const SWEEP_OUTCOMES = ['completed', 'failed', 'active'] as const;
export type SweepOutcome = (typeof SWEEP_OUTCOMES)[number];
export type FinishedSweepOutcome = Exclude<SweepOutcome, 'active'>;

/**
 * One attempt of a sweep: when, how it ended, distinct applicants listed, transfers started, and
 * the organisations whose listing failed (the others were listed and started all the same).
 */
export const SweepRecordSchema = z.object({
  startedAt: z.string(),
  /** Null while the attempt is active. */
  finishedAt: z.string().nullable(),
  outcome: z.enum(SWEEP_OUTCOMES),
  listed: z.number().int().min(0),
  started: z.number().int().min(0),
  /**
   * Codes of the organisations whose listing failed, in sweep order; `[]` when none did. Every
   * attempt records it (those recorded before it existed have none); left out for a reader who
   * does not act for every organisation.
   */
  failedOrganisations: z.array(z.string()).optional(),
});
export type SweepRecord = z.infer<typeof SweepRecordSchema>;

/**
 * A transfer the store holds as unfinished although BullMQ has no unfinished job for it (its job
 * was lost after its claim): a sweep queues its job again. Identifiers only.
 */
export interface UnqueuedTransfer {
  transferId: string;
  organisationCode: string;
  applicantId: string;
}

/** What a sweep keeps between runs, and where each attempt is recorded and counted. */
export interface SweepLog {
  /** The watermark, or undefined before the first successful sweep. */
  watermark(): Promise<Date | undefined>;
  /** Moves the watermark; a value before the stored one leaves it where it is. */
  moveWatermark(to: Date): Promise<void>;
  /**
   * Records a new attempt as `active` and returns its id. An attempt still `active` was left by a
   * worker that died mid-sweep (one sweep runs at a time): it is closed as `failed`.
   */
  begin(startedAt: Date): Promise<string>;
  /** Replaces the attempt's record with how it ended. */
  finish(attemptId: string, record: SweepRecord): Promise<void>;
  /** Counts a finished attempt and the transfers it started (metrics shared by every worker). */
  count(outcome: FinishedSweepOutcome, started: number): Promise<void>;
  /** The latest attempts, newest first, at most SWEEPS_SHOWN. */
  latest(): Promise<SweepRecord[]>;
}

/** Where the next sweep starts listing: the watermark, or `lookbackHours` before now before the first. */
export function changedSinceOf(watermark: Date | undefined, now: Date, lookbackHours: number): Date {
  return watermark ?? new Date(now.getTime() - lookbackHours * 60 * 60 * 1000);
}

/** The watermark a sweep that started at `startedAt` leaves when it completes. */
export const watermarkAfter = (startedAt: Date): Date => new Date(startedAt.getTime() - WATERMARK_OVERLAP_MS);
