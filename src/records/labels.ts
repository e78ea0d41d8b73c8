import type { MappingProblem } from './record-definition';
import { problemAtEsrPath, type FieldNames, type FieldPath } from './field-names';

/** Trac's labels for one ESR value set, looked up ignoring case and surrounding white space. */
export interface LabelTable<Value> {
  lookup(label: string): Value | undefined;
}

function normaliseLabel(label: string): string {
  return label.trim().toLowerCase();
}

export function labelTable<Value>(entries: Readonly<Record<string, Value>>): LabelTable<Value> {
  const byLabel = new Map(Object.entries(entries).map(([label, value]) => [normaliseLabel(label), value]));
  return { lookup: (label) => byLabel.get(normaliseLabel(label)) };
}

export const YES_NO_LABELS = labelTable<boolean>({ Yes: true, No: false });

/**
 * Translates Trac labels while a body is built, remembering the first label that is not listed
 * (the mapping reports one problem: the first).
 */
export interface LabelReader {
  /** The ESR value of `label`; `undefined` when Trac holds nothing or the label is not listed. */
  read<Value>(
    table: LabelTable<Value>,
    label: string | null | undefined,
    esrPath: FieldPath,
  ): Value | undefined;
  readonly problem: MappingProblem | undefined;
}

export function createLabelReader(names: FieldNames): LabelReader {
  let problem: MappingProblem | undefined;
  return {
    read(table, label, esrPath) {
      if (label === null || label === undefined) return undefined;
      const value = table.lookup(label);
      if (value === undefined && problem === undefined) {
        // the value is not quoted: problem messages reach the transfer store and logs, and a free-text
        // label field may hold anything, personal data included
        problem = problemAtEsrPath(esrPath, 'is not a listed label', names);
      }
      return value;
    },
    get problem() {
      return problem;
    },
  };
}
