import type { z } from 'zod';
import type { FieldPath } from './field-names';

const EXPECTED_TYPE: Readonly<Record<string, string>> = {
  string: 'must be text',
  boolean: 'must be true or false',
  array: 'must be a list',
  object: 'must be an object',
  number: 'must be a number',
};

function oneOf(values: readonly unknown[]): string {
  const listed = values.map(String).join(', ');
  return values.length === 1 ? `must be ${listed}` : `must be one of ${listed}`;
}

/**
 * Zod's generic issues in short plain English. Schemas give their own messages for their own
 * rules (formats, lengths, cross-field rules); this covers the rest.
 */
export const PLAIN_ENGLISH_ERRORS: z.core.$ZodErrorMap = (issue) => {
  const missing = issue.input === undefined;
  switch (issue.code) {
    case 'invalid_type':
      return missing ? 'is required' : (EXPECTED_TYPE[issue.expected] ?? `must be ${issue.expected}`);
    case 'invalid_value':
      return missing ? 'is required' : oneOf(issue.values);
    case 'unrecognized_keys':
      return 'is not allowed';
    default:
      return undefined;
  }
};

export interface PathIssue {
  path: FieldPath;
  message: string;
}

/** Zod's issues, one per field: an unknown-keys issue becomes one issue per unknown key. */
export function issuesByField(issues: readonly z.core.$ZodIssue[]): PathIssue[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: issue.message }))
      : [{ path: issue.path, message: issue.message }],
  );
}
