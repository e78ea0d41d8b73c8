import { describeProblem, RECORD_DEFINITIONS } from '../records';
import { DataProblemError, tracDataProblem } from '../records/data-problem';
import { TRAC_CHECK_TYPE_OF, type RecordType } from '../records/record-types';
import type { TracClient } from '../trac/trac-client';
import type { TracCheck } from '../trac/trac-schemas';
import type { RecordTracker } from './record-tracker';

/** A record ready for ESR: its validated body. */
export type SendableRecords = Partial<Record<RecordType, unknown>>;

/** Rule 2: the checks of these record types as Trac holds them (undefined: never opened). */
export async function gatherChecks(
  trac: TracClient,
  applicantId: string,
  types: readonly RecordType[],
): Promise<Map<RecordType, TracCheck | undefined>> {
  const checks = await Promise.all(
    types.map(async (type) => [type, await trac.getCheck(applicantId, TRAC_CHECK_TYPE_OF[type])] as const),
  );
  return new Map(checks);
}

/**
 * Rule 3: every complete check becomes a valid ESR body before anything is sent; one bad field
 * stops all. A check Trac does not hold as complete is noted (`NOT_RECORDED`, `NOT_REQUIRED`,
 * `NOT_COMPLETE`) and not sent.
 */
export function mapAndValidate(
  checks: Map<RecordType, TracCheck | undefined>,
  applicantId: string,
  today: string,
  tracker: RecordTracker,
): SendableRecords {
  const sendable: SendableRecords = {};
  for (const [type, check] of checks) {
    if (!check) tracker.note(type, 'NOT_RECORDED');
    else if (check.state === 'Not Required') tracker.note(type, 'NOT_REQUIRED');
    else if (check.state !== 'Complete') tracker.note(type, 'NOT_COMPLETE');
    else {
      if (!check.completedAt) {
        throw new DataProblemError(
          'INVALID_TRAC_DATA',
          `${type}.checkCompletedDate (Trac completedAt): is missing`,
          tracDataProblem(type, 'checkCompletedDate', 'is required', { tracField: 'completedAt' }),
        );
      }
      const mapped = RECORD_DEFINITIONS[type].map(
        { checkType: check.checkType, completedAt: check.completedAt, data: check.data },
        { applicantId, today },
      );
      if (!mapped.ok) {
        const { field, tracField, message } = mapped.problem;
        const problem = tracDataProblem(type, field, message, { tracField, found: mapped.found });
        throw new DataProblemError('INVALID_TRAC_DATA', describeProblem(type, mapped.problem), problem);
      }
      sendable[type] = mapped.body;
    }
  }
  return sendable;
}
