import type { CompletedTracCheck, MapContext, MappingProblem, RecordDefinition } from '../../../src/records';
import { aMapContext, BUILDER_TODAY } from '../../helpers/record-builders';

export const TODAY = BUILDER_TODAY;
export const TOMORROW = '2026-06-15';
export const CONTEXT: MapContext = aMapContext();

/** Maps and expects success: the body, or a failure naming the problem. */
export function mapToBody<Body>(
  definition: RecordDefinition<Body>,
  check: CompletedTracCheck,
  context = CONTEXT,
) {
  const result = definition.map(check, context);
  if (!result.ok) throw new Error(`expected a body, got the problem ${JSON.stringify(result.problem)}`);
  return result.body;
}

/** Maps and expects a problem. */
export function mapToProblem(
  definition: RecordDefinition<unknown>,
  check: CompletedTracCheck,
  context = CONTEXT,
): MappingProblem {
  const result = definition.map(check, context);
  if (result.ok) throw new Error(`expected a problem, got the body ${JSON.stringify(result.body)}`);
  return result.problem;
}

export function unlisted(_label: string): string {
  return 'is not a listed label';
}

/** A problem as `toEqual` expects it: `tracField` only where Trac's name differs. */
export function problem(field: string, message: string, tracField?: string): MappingProblem {
  return tracField === undefined ? { field, message } : { field, tracField, message };
}
