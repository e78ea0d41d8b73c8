/**
 * Field names whose values are personal data or secrets. Matched case-insensitively, ignoring
 * `_` and `-`, wherever they appear in a log entry, nested or not.
 */
const SENSITIVE_KEYS = new Set(
  [
    // names
    'name',
    'forename',
    'surname',
    'firstName',
    'lastName',
    'middleName',
    'fullName',
    'refereeName',
    'completedBy',
    'checkedBy',
    'checklistCompletedBy',
    // dates of birth
    'dateOfBirth',
    'dob',
    'birthDate',
    // identity numbers
    'niNumber',
    'nationalInsuranceNumber',
    'certificateNumber',
    'registrationNumber',
    'shareCode',
    'passportNumber',
    'documentNumber',
    'uniqueApplicationNumber',
    'ecsReference',
    // contact details
    'email',
    'refereeEmail',
    'mobile',
    'phone',
    'refereePhone',
    'address',
    'postcode',
    // check contents
    'disclosureContent',
    'comments',
    'notes',
    'person',
    // secrets
    'password',
    'secret',
    'clientSecret',
    'authorization',
    'accessToken',
    'token',
    'webhookSecrets',
    // sign-in with a provider: never a token, verifier, nonce or cookie value
    'idToken',
    'refreshToken',
    'codeVerifier',
    'nonce',
    'cookie',
    'setCookie',
    'csrfToken',
    'sessionId',
  ].map(normaliseKey),
);

export const REDACTED = '[REDACTED]';

function normaliseKey(key: string): string {
  return key.replace(/[_-]/g, '').toLowerCase();
}

export function isSensitiveKey(key: string): boolean {
  return SENSITIVE_KEYS.has(normaliseKey(key));
}

/** A deep copy with every sensitive field's value replaced by `[REDACTED]`; cycles are cut. */
export function redact(value: unknown, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => redact(item, seen));
  if (value instanceof Error) {
    return { name: value.name, message: value.message, stack: value.stack };
  }
  const copy: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    // defined, not assigned: a `__proto__` key from parsed JSON stays a field of the copy
    Object.defineProperty(copy, key, {
      value: isSensitiveKey(key) ? REDACTED : redact(inner, seen),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}
