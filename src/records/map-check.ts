import type { z } from 'zod';
import { esrBodySchemaFor } from './esr-body-schema-cache';
import type { CompletedTracCheck, MapContext, MapResult, MappingProblem } from './record-definition';
import { problemAtEsrPath, problemAtTracPath, type FieldNames, type FieldPath } from './field-names';
import { issuesByField, PLAIN_ENGLISH_ERRORS } from './issue-messages';
import { createLabelReader, type LabelReader } from './labels';
import { describeFound, valueAt } from './data-problem';

/** What one record type needs to go from Trac's `data` to ESR's validated body. */
export interface CheckMapping<TracData, Body> {
  /** Trac's `data`: types only, lenient about fields the mapping never reads. */
  tracDataSchema: z.ZodType<TracData>;
  names: FieldNames;
  /** ESR's fields before validation, `source` aside; `undefined` means absent. */
  buildFields(data: TracData, labels: LabelReader, check: CompletedTracCheck): Record<string, unknown>;
  esrBodySchema: (today: string) => z.ZodType<Body>;
}

type Problematic = (path: FieldPath, message: string, names: FieldNames) => MappingProblem;

/** The first issue as a problem, and what its field holds in `data` (described, never quoted). */
function firstProblem(
  error: z.ZodError,
  names: FieldNames,
  toProblem: Problematic,
  data: unknown,
): { ok: false; problem: MappingProblem; found?: string } {
  const [first] = issuesByField(error.issues);
  if (!first) return { ok: false, problem: toProblem([], 'is not valid', names) };
  const found = describeFound(valueAt(data, first.path), first.message);
  return { ok: false, problem: toProblem(first.path, first.message, names), ...(found ? { found } : {}) };
}

/** Drops absent (`undefined`) fields, in nested objects and list items too. */
function withoutAbsentFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutAbsentFields);
  if (typeof value !== 'object' || value === null) return value;
  const present = Object.entries(value).filter(([, field]) => field !== undefined);
  return Object.fromEntries(present.map(([key, field]) => [key, withoutAbsentFields(field)]));
}

/**
 * Parses Trac's data, builds ESR's body (labels translated, conditions applied, forbidden fields
 * never read) and validates it with ESR's own schema. Bad data gives the first problem, never a throw.
 * `input` replaces Trac's data and names when items were dropped before parsing.
 */
export function mapCheck<TracData, Body>(
  mapping: CheckMapping<TracData, Body>,
  check: CompletedTracCheck,
  context: MapContext,
  input: { data: unknown; names: FieldNames } = { data: check.data, names: mapping.names },
): MapResult<Body> {
  const parsed = mapping.tracDataSchema.safeParse(input.data, { error: PLAIN_ENGLISH_ERRORS });
  if (!parsed.success) {
    return firstProblem(parsed.error, input.names, problemAtTracPath, input.data);
  }
  const labels = createLabelReader(input.names);
  const fields = mapping.buildFields(parsed.data, labels, check);
  if (labels.problem) return { ok: false, problem: labels.problem };
  const source = { system: 'TRAC', applicantId: context.applicantId, completedAt: check.completedAt };
  const body = withoutAbsentFields({ ...fields, source });
  const schema = esrBodySchemaFor(mapping.esrBodySchema, context.today);
  const validated = schema.safeParse(body, { error: PLAIN_ENGLISH_ERRORS });
  if (!validated.success) {
    return firstProblem(validated.error, input.names, problemAtEsrPath, body);
  }
  return { ok: true, body: validated.data };
}
