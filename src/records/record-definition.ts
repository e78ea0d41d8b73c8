import type { z } from 'zod';
import type { RecordType, TracCheckType } from './record-types';

/** A Trac check that is `Complete`, as the mapper receives it. */
export interface CompletedTracCheck {
  checkType: TracCheckType;
  completedAt: string;
  data: unknown;
}

export interface MapContext {
  /** Trac applicant id, carried in every body's `source`. */
  applicantId: string;
  /** Today in Europe/London, `YYYY-MM-DD`: the limit of every "not future" rule. */
  today: string;
}

/** Why a Trac check cannot become a valid ESR body: ESR's field name, and Trac's where it differs. */
export interface MappingProblem {
  field: string;
  tracField?: string;
  message: string;
}

/**
 * The body, or the first problem; `found` says what the field holds instead where its rule is about
 * digits or length (`has 11 digits`), never the value itself.
 */
export type MapResult<Body> =
  { ok: true; body: Body } | { ok: false; problem: MappingProblem; found?: string };

/**
 * One record type: how Trac's check becomes ESR's body, and ESR's rules for that body as the
 * connector reads them (the ESR sandbox has its own reading, `sandbox/esr-body-rules/`).
 */
export interface RecordDefinition<Body = unknown> {
  recordType: RecordType;
  tracCheckType: TracCheckType;
  /** Pure: no I/O, no clock (today comes in the context). */
  map(check: CompletedTracCheck, context: MapContext): MapResult<Body>;
  /** ESR's schema of the body, every records.md rule included; `today` bounds "not future". */
  esrBodySchema: (today: string) => z.ZodType<Body>;
}
