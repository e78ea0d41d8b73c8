/**
 * A small JSON Schema (2020-12) checker for the keywords the OpenAPI document uses: `$ref` into
 * `#/components/schemas`, type, enum, const, properties, required, additionalProperties,
 * propertyNames, items, anyOf, oneOf, allOf, pattern, minimum, maximum, minLength, maxLength.
 * Unknown keywords (format, default, description) are ignored, as annotations.
 */
type Schema = Record<string, unknown>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function typeMatches(expected: unknown, value: unknown): boolean {
  const actual = typeOf(value);
  const types = Array.isArray(expected) ? (expected as string[]) : [expected as string];
  return types.some((type) => type === actual || (type === 'number' && actual === 'integer'));
}

function resolve(root: Schema, ref: string): Schema {
  const parts = ref.replace(/^#\//, '').split('/');
  let node: unknown = root;
  for (const part of parts) node = (node as Record<string, unknown>)[part];
  if (!node) throw new Error(`unresolved $ref ${ref}`);
  return node as Schema;
}

function objectErrors(schema: Schema, value: Record<string, unknown>, root: Schema, path: string): string[] {
  const errors: string[] = [];
  const properties = (schema.properties ?? {}) as Record<string, Schema>;
  for (const name of (schema.required ?? []) as string[]) {
    if (!(name in value)) errors.push(`${path}.${name}: is required`);
  }
  for (const [name, inner] of Object.entries(value)) {
    const at = `${path}.${name}`;
    if (schema.propertyNames) errors.push(...schemaErrors(schema.propertyNames as Schema, name, root, at));
    if (properties[name]) errors.push(...schemaErrors(properties[name], inner, root, at));
    else if (schema.additionalProperties === false) errors.push(`${at}: is not allowed`);
    else if (typeof schema.additionalProperties === 'object') {
      errors.push(...schemaErrors(schema.additionalProperties as Schema, inner, root, at));
    }
  }
  return errors;
}

function scalarErrors(schema: Schema, value: unknown, path: string): string[] {
  const errors: string[] = [];
  if (schema.enum && !(schema.enum as unknown[]).includes(value)) errors.push(`${path}: not one of the enum`);
  if ('const' in schema && schema.const !== value)
    errors.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (typeof value === 'string') {
    if (schema.pattern && !new RegExp(schema.pattern as string, 'u').test(value))
      errors.push(`${path}: pattern`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      errors.push(`${path}: too short`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      errors.push(`${path}: too long`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) errors.push(`${path}: below minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum) errors.push(`${path}: above maximum`);
  }
  return errors;
}

/** Every way `value` breaks `schema` (empty when it conforms). */
export function schemaErrors(schema: Schema, value: unknown, root: Schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') return schemaErrors(resolve(root, schema.$ref), value, root, path);
  if (schema.type !== undefined && !typeMatches(schema.type, value)) {
    return [`${path}: expected ${JSON.stringify(schema.type)}, got ${typeOf(value)}`];
  }
  const errors = scalarErrors(schema, value, path);
  const branches = (key: string) =>
    ((schema[key] ?? []) as Schema[]).map((s) => schemaErrors(s, value, root, path));
  if (schema.anyOf && !branches('anyOf').some((e) => e.length === 0))
    errors.push(`${path}: matches no anyOf branch`);
  if (schema.oneOf && branches('oneOf').filter((e) => e.length === 0).length !== 1) {
    errors.push(`${path}: must match exactly one oneOf branch`);
  }
  if (schema.allOf) errors.push(...branches('allOf').flat());
  if (typeOf(value) === 'object')
    errors.push(...objectErrors(schema, value as Record<string, unknown>, root, path));
  if (Array.isArray(value) && schema.items) {
    value.forEach((item, i) =>
      errors.push(...schemaErrors(schema.items as Schema, item, root, `${path}[${i}]`)),
    );
  }
  return errors;
}
