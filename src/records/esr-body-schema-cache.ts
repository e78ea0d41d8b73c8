import type { z } from 'zod';

/** Builds a record type's ESR body schema; `today` bounds its "not future" rules. */
export type EsrBodySchemaBuilder<Body> = (today: string) => z.ZodType<Body>;

let cachedDay: string | undefined;
const cachedSchemas = new Map<EsrBodySchemaBuilder<unknown>, z.ZodType<unknown>>();

/**
 * `build(today)`, built once per record type (one builder each) and day: compiling a zod schema
 * for every record mapped was a benchmark hot spot. Only one day's schemas are kept, so a new day
 * clears the others and memory stays bounded.
 */
export function esrBodySchemaFor<Body>(build: EsrBodySchemaBuilder<Body>, today: string): z.ZodType<Body> {
  if (today !== cachedDay) {
    cachedSchemas.clear();
    cachedDay = today;
  }
  const cached = cachedSchemas.get(build) as z.ZodType<Body> | undefined;
  if (cached) return cached;
  const schema = build(today);
  cachedSchemas.set(build, schema);
  return schema;
}
