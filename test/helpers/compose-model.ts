import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse, type CollectionTag, type ScalarTag } from 'yaml';

/*
 * Docker Compose files read as Compose reads them, for the facts the tests check (Docker is not on
 * the test machines): YAML merge keys, later files merged over earlier ones (mappings merged,
 * sequences appended, `command` and `healthcheck.test` replaced), Compose's `!reset` (removes what
 * it tags) and `!override` (replaces instead of merging), profiles, and the services `up` starts.
 */

const ROOT = resolve(__dirname, '../..');

/** What `!reset` leaves in a file: the merge removes the entry it tags. */
const RESET = Symbol('!reset');

/** What `!override` leaves in a file: the merge takes this value instead of merging it. */
class Override {
  constructor(readonly value: unknown) {}
}

const COMPOSE_TAGS: (CollectionTag | ScalarTag)[] = [
  { tag: '!reset', collection: 'map', resolve: () => RESET },
  { tag: '!reset', collection: 'seq', resolve: () => RESET },
  { tag: '!reset', resolve: () => RESET },
  { tag: '!override', collection: 'map', resolve: (map) => new Override(map.toJSON()) },
  { tag: '!override', collection: 'seq', resolve: (seq) => new Override(seq.toJSON()) },
];

export interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, string>;
  ports?: (string | Record<string, unknown>)[];
  expose?: string[];
  volumes?: (string | { type: string; source: string; target: string; read_only?: boolean })[];
  depends_on?: Record<string, unknown>;
  healthcheck?: { test: string[] };
  profiles?: string[];
}

export interface ComposeProject {
  services: Record<string, ComposeService>;
}

const isMapping = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Override);

/** Keys whose sequences a later file replaces rather than extends (Compose's merge rules). */
const REPLACED_SEQUENCES = new Set(['command', 'entrypoint', 'test']);

function merge(base: unknown, over: unknown, key: string): unknown {
  if (over instanceof Override) return over.value;
  if (isMapping(base) && isMapping(over)) {
    const merged: Record<string, unknown> = { ...base };
    for (const [name, value] of Object.entries(over)) {
      if (value === RESET) delete merged[name];
      else merged[name] = merge(base[name], value, name);
    }
    return merged;
  }
  if (Array.isArray(base) && Array.isArray(over) && !REPLACED_SEQUENCES.has(key)) {
    const earlier: unknown[] = base;
    const later: unknown[] = over;
    return [...earlier, ...later.filter((item) => !earlier.includes(item))];
  }
  return over;
}

/** A file as written (merge keys resolved; `!reset`/`!override` marked), from the project root. */
export function readComposeFile(file: string): unknown {
  return parse(readFileSync(resolve(ROOT, file), 'utf8'), { merge: true, customTags: COMPOSE_TAGS });
}

/** The project `docker compose -f files[0] -f files[1] …` loads. */
export function loadComposeProject(...files: string[]): ComposeProject {
  const merged = files.map(readComposeFile).reduce((base, over) => merge(base, over, ''), {});
  return merged as ComposeProject;
}

/** The services `docker compose up` starts: those of active profiles (or none), and what they depend on. */
export function servicesStartedByUp(project: ComposeProject, profiles: string[] = []): string[] {
  const started = new Set<string>();
  const start = (name: string) => {
    const service = project.services[name];
    if (!service) throw new Error(`a service depends on "${name}", which the project does not define`);
    if (started.has(name)) return;
    started.add(name);
    Object.keys(service.depends_on ?? {}).forEach(start);
  };
  for (const [name, service] of Object.entries(project.services)) {
    const active = !service.profiles?.length || service.profiles.some((p) => profiles.includes(p));
    if (active) start(name);
  }
  return [...started].sort();
}
