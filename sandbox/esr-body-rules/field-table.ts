import type { EsrFieldError } from '../esr-data';
import type { ValueRule } from './value-rules';

type Owner = Readonly<Record<string, unknown>>;

/** A fact about one sibling `field`, and how a message says it (`disclosureLevel is BASIC`). */
export interface Condition {
  field: string;
  holds(owner: Owner): boolean;
  says: string;
}

/** records.md's second column: `R`, `O`, and the forms of `C` (plus "`O`, GMC only"). */
type Presence =
  | { need: 'required' }
  | { need: 'optional' }
  | { need: 'present exactly when'; condition: Condition }
  | { need: 'required unless'; condition: Condition }
  | { need: 'optional only when'; condition: Condition };

interface ListOf {
  items: FieldTable;
  min: number;
  max?: number;
  countMessage: string;
  /** An item field no two items may share ("at most one per `check`"). */
  uniqueBy?: string;
}

export interface FieldSpec {
  presence: Presence;
  /** Checked in order when the field is present; the first that fails is the field's one error. */
  rules: readonly ValueRule[];
  object?: FieldTable;
  list?: ListOf;
}

/** A body or list item: every field ESR defines, in records.md's order. Any other field is refused. */
export type FieldTable = Readonly<Record<string, FieldSpec>>;

export const required = (...rules: ValueRule[]): FieldSpec => ({ presence: { need: 'required' }, rules });
export const optional = (...rules: ValueRule[]): FieldSpec => ({ presence: { need: 'optional' }, rules });
export const presentExactlyWhen = (condition: Condition, ...rules: ValueRule[]): FieldSpec => ({
  presence: { need: 'present exactly when', condition },
  rules,
});
export const requiredUnless = (condition: Condition, ...rules: ValueRule[]): FieldSpec => ({
  presence: { need: 'required unless', condition },
  rules,
});
export const optionalOnlyWhen = (condition: Condition, ...rules: ValueRule[]): FieldSpec => ({
  presence: { need: 'optional only when', condition },
  rules,
});
export const anObject = (fields: FieldTable): FieldSpec => ({ ...required(), object: fields });
export const aList = (list: ListOf): FieldSpec => ({ ...required(), list });

/** `field` holds exactly `value`. */
export const is = (field: string, value: unknown): Condition => ({
  field,
  holds: (owner) => owner[field] === value,
  says: `${field} is ${String(value)}`,
});

/** `field` is present. */
export const has = (field: string): Condition => ({
  field,
  holds: (owner) => owner[field] !== undefined,
  says: `${field} is present`,
});

function presenceProblem(presence: Presence, present: boolean, owner: Owner): string | undefined {
  switch (presence.need) {
    case 'required':
      return present ? undefined : 'is required';
    case 'optional':
      return undefined;
    case 'present exactly when': {
      const holds = presence.condition.holds(owner);
      if (holds && !present) return `is required when ${presence.condition.says}`;
      return !holds && present ? `must be absent unless ${presence.condition.says}` : undefined;
    }
    case 'required unless':
      return present || presence.condition.holds(owner)
        ? undefined
        : `is required unless ${presence.condition.says}`;
    case 'optional only when':
      return present && !presence.condition.holds(owner)
        ? `must be absent unless ${presence.condition.says}`
        : undefined;
  }
}

const isObject = (value: unknown): value is Owner =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const pathOf = (parent: string, field: string): string => (parent === '' ? field : `${parent}.${field}`);

function checkList(value: unknown, list: ListOf, today: string, at: string): EsrFieldError[] {
  if (!Array.isArray(value)) return [{ field: at, message: 'must be a list' }];
  const tooFew = value.length < list.min;
  if (tooFew || (list.max !== undefined && value.length > list.max)) {
    return [{ field: at, message: list.countMessage }];
  }
  const firstIndexOf = new Map<unknown, number>();
  return value.flatMap((item: unknown, index) => {
    const errors = checkFields(item, list.items, today, `${at}[${index}]`);
    const unique = list.uniqueBy;
    if (unique === undefined || !isObject(item)) return errors;
    const field = `${at}[${index}].${unique}`;
    if (errors.some((e) => e.field === field)) return errors;
    const first = firstIndexOf.get(item[unique]);
    if (first === undefined) firstIndexOf.set(item[unique], index);
    else errors.push({ field, message: `must appear at most once (also in ${at}[${first}])` });
    return errors;
  });
}

function checkValue(spec: FieldSpec, value: unknown, owner: Owner, today: string, at: string) {
  const broken = spec.rules.map((rule) => rule(value, owner, today)).find((m) => m !== undefined);
  if (broken !== undefined) return [{ field: at, message: broken }];
  if (spec.object) return checkFields(value, spec.object, today, at);
  if (spec.list) return checkList(value, spec.list, today, at);
  return [];
}

function presenceOf(spec: FieldSpec, present: boolean, owner: Owner, refused: ReadonlySet<string>) {
  const presence = spec.presence;
  // a condition on a refused field decides nothing: that field's own error says what is wrong
  if ('condition' in presence && refused.has(presence.condition.field)) return undefined;
  return presenceProblem(presence, present, owner);
}

/** Every problem of `value` against `fields`, one per field, in the table's order, then unknown fields. */
export function checkFields(value: unknown, fields: FieldTable, today: string, at = ''): EsrFieldError[] {
  if (!isObject(value)) return [{ field: at === '' ? 'body' : at, message: 'must be an object' }];
  const read = (name: string) => (Object.hasOwn(value, name) ? value[name] : undefined);
  const problems = new Map<string, EsrFieldError[]>();
  for (const [name, spec] of Object.entries(fields)) {
    if (read(name) === undefined) continue;
    const errors = checkValue(spec, read(name), value, today, pathOf(at, name));
    if (errors.length > 0) problems.set(name, errors);
  }
  const refused = new Set(problems.keys());
  for (const [name, spec] of Object.entries(fields)) {
    const problem = presenceOf(spec, read(name) !== undefined, value, refused);
    if (problem !== undefined) problems.set(name, [{ field: pathOf(at, name), message: problem }]);
  }
  const unknown = Object.keys(value).filter((name) => !Object.hasOwn(fields, name));
  return [
    ...Object.keys(fields).flatMap((name) => problems.get(name) ?? []),
    ...unknown.map((name) => ({ field: pathOf(at, name), message: 'is not allowed' })),
  ];
}
