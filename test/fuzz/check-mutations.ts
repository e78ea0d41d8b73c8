import fc from 'fast-check';
import type { RecordType } from '../../src/records/record-types';
import * as builders from '../helpers/record-builders';
import type { TracCheckFixture } from '../helpers/record-builders';
import { aGdcRegistrationCheck } from '../../sandbox/seed-checks';
import { anEuStatusCheck, anIllegalWorkingCheck } from '../../sandbox/seed-right-to-work';

/**
 * Generated Trac check data for the mapper fuzz suite: valid checks of every record type (the test
 * builders and the sandbox's variants), then one to four mutations at random places of their data.
 */

/** Planted in generated strings: a value of Trac's that must never be quoted in a problem message. */
export const MARKER = 'QZXV';

/** Valid checks to start from, per record type: every variant the builders and the seed know. */
export const VALID_CHECKS: Readonly<Record<RecordType, readonly TracCheckFixture[]>> = {
  dbs: [
    builders.aDbsCheck(),
    builders.aDbsCheck({ updateServiceSubscribed: 'No', updateServiceCheck: undefined }),
  ],
  'professional-registration': [
    builders.aProfessionalRegistrationCheck(),
    {
      checkType: 'professional-registration',
      ...(aGdcRegistrationCheck() as Omit<TracCheckFixture, 'checkType'>),
    },
  ],
  references: [builders.aReferencesCheck()],
  'employment-checklist': [builders.anEmploymentChecklistCheck()],
  'illegal-working-checklist': [
    builders.anIllegalWorkingCheck(),
    ...(['settled-share-code', 'pre-settled-share-code', 'ecs-pending', 'idsp'] as const).map(
      (how): TracCheckFixture => ({
        checkType: 'illegal-working',
        ...(anIllegalWorkingCheck(how) as Omit<TracCheckFixture, 'checkType'>),
      }),
    ),
  ],
  'eu-status': [
    builders.anEuStatusCheck(),
    ...(['Pre-settled', 'Application pending'] as const).map((scheme): TracCheckFixture => ({
      checkType: 'eu-status',
      ...(anEuStatusCheck(scheme) as Omit<TracCheckFixture, 'checkType'>),
    })),
  ],
};

type Path = (string | number)[];

/**
 * A deep copy made in this realm (jest runs tests in a vm context, whose arrays and objects
 * `structuredClone` would not give back): lists and plain objects copied (a null prototype kept),
 * anything else kept.
 */
export function deepCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => deepCopy(item)) as T;
  if (value !== null && typeof value === 'object') {
    // generated objects may have no prototype: so has the copy (node's deep equality compares
    // prototypes); `__proto__` stays an own field
    const prototype = Object.getPrototypeOf(value) === null ? null : Object.prototype;
    const copy = Object.create(prototype) as Record<string, unknown>;
    for (const [key, field] of Object.entries(value)) {
      Object.defineProperty(copy, key, {
        value: deepCopy(field),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return copy as T;
  }
  return value;
}

/** Every place in a value (object fields, list items), depth first. */
function pathsOf(value: unknown, prefix: Path = []): Path[] {
  if (Array.isArray(value))
    return value.flatMap((item, i) => [[...prefix, i], ...pathsOf(item, [...prefix, i])]);
  if (value !== null && typeof value === 'object')
    return Object.entries(value).flatMap(([key, field]) => [
      [...prefix, key],
      ...pathsOf(field, [...prefix, key]),
    ]);
  return [];
}

export type Operation =
  | { kind: 'remove' }
  | { kind: 'replace'; value: unknown }
  | { kind: 'shift date'; days: number }
  | { kind: 'reshape string'; how: 'upper' | 'lower' | 'pad' | 'truncate' | 'empty' | 'double' }
  | { kind: 'add field'; key: string; value: unknown }
  | { kind: 'repeat item' };

export interface Mutation {
  /** Which place, modulo the number of places. */
  pick: number;
  operation: Operation;
}

const aMarkedString = fc.stringMatching(/^[a-z0-9 ]{0,8}$/).map((s) => `${MARKER}${s}`);

/** Values a field may take instead of its own: JSON (what Trac can send), and anything else when allowed. */
const aReplacement = (jsonOnly: boolean) =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 2 }),
    aMarkedString,
    fc.constantFrom(
      '',
      ' ',
      'Yes',
      'No',
      'Complete',
      'Not Required',
      '2026-02-30',
      '14/06/2026',
      '2099-01-01',
      '1900-01-01',
      '2026-06-14T10:00:00Z',
    ),
    fc.integer(),
    ...(jsonOnly ? [] : [fc.anything({ maxDepth: 2 }), fc.constantFrom(undefined, Number.NaN, Infinity, -0)]),
  );

export const aMutation = (jsonOnly: boolean): fc.Arbitrary<Mutation> =>
  fc.record({
    pick: fc.nat(),
    operation: fc.oneof(
      { weight: 3, arbitrary: fc.constant<Operation>({ kind: 'remove' }) },
      {
        weight: 4,
        arbitrary: aReplacement(jsonOnly).map((value): Operation => ({ kind: 'replace', value })),
      },
      {
        weight: 3,
        arbitrary: fc
          .integer({ min: -4000, max: 4000 })
          .map((days): Operation => ({ kind: 'shift date', days })),
      },
      {
        weight: 3,
        arbitrary: fc
          .constantFrom('upper', 'lower', 'pad', 'truncate', 'empty', 'double')
          .map((how): Operation => ({ kind: 'reshape string', how })),
      },
      {
        weight: 1,
        arbitrary: fc
          .record({ key: fc.string({ minLength: 1, maxLength: 10 }), value: aReplacement(true) })
          .map(({ key, value }): Operation => ({ kind: 'add field', key, value })),
      },
      { weight: 1, arbitrary: fc.constant<Operation>({ kind: 'repeat item' }) },
    ),
  });

const DAY_MS = 86_400_000;

function reshape(value: unknown, operation: Operation): unknown {
  switch (operation.kind) {
    case 'replace':
      return operation.value;
    case 'shift date':
      if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value)) return value;
      return new Date(Date.parse(value.slice(0, 10)) + operation.days * DAY_MS).toISOString().slice(0, 10);
    case 'reshape string': {
      if (typeof value !== 'string') return value;
      const shapes = {
        upper: value.toUpperCase(),
        lower: value.toLowerCase(),
        pad: `  ${value}\t`,
        truncate: value.slice(0, Math.floor(value.length / 2)),
        empty: '',
        double: `${value}${value}`,
      };
      return shapes[operation.how];
    }
    default:
      return value;
  }
}

/** A deep copy of `data` with the mutations applied, each at the place it picks. */
export function mutate(data: unknown, mutations: readonly Mutation[]): unknown {
  const root = { data: deepCopy<unknown>(data) };
  for (const { pick, operation } of mutations) {
    const paths = pathsOf(root);
    const path = paths[pick % paths.length];
    if (!path) continue;
    const parent = path
      .slice(0, -1)
      .reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], root);
    const key = path[path.length - 1] as string | number;
    const container = parent as Record<string | number, unknown>;
    if (operation.kind === 'remove') {
      if (Array.isArray(container)) container.splice(Number(key), 1);
      else delete container[key];
    } else if (operation.kind === 'add field') {
      const target = container[key];
      if (target !== null && typeof target === 'object' && !Array.isArray(target))
        (target as Record<string, unknown>)[operation.key] = operation.value;
    } else if (operation.kind === 'repeat item') {
      if (Array.isArray(container)) container.push(deepCopy(container[Number(key)]));
    } else container[key] = reshape(container[key], operation);
  }
  return root.data;
}

/** A check of `type` built from one of its valid variants with one to four mutations of its data. */
export const aMutatedCheck = (type: RecordType, jsonOnly: boolean) =>
  fc
    .record({
      base: fc.constantFrom(...VALID_CHECKS[type]),
      mutations: fc.array(aMutation(jsonOnly), { minLength: 1, maxLength: 4 }),
    })
    .map(({ base, mutations }) => ({ ...base, data: mutate(base.data, mutations) }));
