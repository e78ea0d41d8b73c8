import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Redis from 'ioredis';

type ScriptArg = string | number | Buffer;
type Script = (...keysThenArgs: ScriptArg[]) => Promise<unknown>;

/**
 * The Lua scripts, one file each, as BullMQ keeps its own (`commands/name-N.lua`): `<name>-<N>.lua`
 * where N is how many of its arguments are keys. Shared fragments live in `includes/` and are
 * pulled in by a line `--- @include "includes/<fragment>.lua"` (each at most once per script).
 * Beside this module in src/ and in the build (scripts/build.mjs copies them).
 */
export const LUA_DIR = join(__dirname, 'lua');

const SCRIPT_FILE = /^(?<name>[a-z][a-z0-9-]*)-(?<keys>\d+)\.lua$/;
const INCLUDE_LINE = /^--- @include "(?<path>[^"]+)"$\n?/gm;

/** A script ready to define: its text with every fragment in place, and how many keys it takes. */
export interface LoadedScript {
  lua: string;
  numberOfKeys: number;
}

function withIncludes(dir: string, text: string, included: Set<string>): string {
  return text.replace(INCLUDE_LINE, (_line, path: string) => {
    if (included.has(path)) return '';
    included.add(path);
    const fragment = withIncludes(dir, readFileSync(join(dir, path), 'utf8'), included);
    return fragment.endsWith('\n') ? fragment : `${fragment}\n`;
  });
}

/** Every script of a folder by name, fragments included (throws on a fragment that is missing). */
export function loadScripts(dir: string = LUA_DIR): ReadonlyMap<string, LoadedScript> {
  const scripts = new Map<string, LoadedScript>();
  for (const file of readdirSync(dir)) {
    const match = SCRIPT_FILE.exec(file);
    if (!match?.groups) continue;
    const lua = withIncludes(dir, readFileSync(join(dir, file), 'utf8'), new Set());
    scripts.set(match.groups.name!, { lua, numberOfKeys: Number(match.groups.keys) });
  }
  return scripts;
}

/** Read once per process, when a store first defines a script. */
let loaded: ReadonlyMap<string, LoadedScript> | undefined;

/** `claim-transfer` → `ditClaimTransfer`: the command's name on the connection. */
function commandNameOf(name: string): string {
  return `dit${name.replace(/(?:^|-)([a-z0-9])/g, (_dash, letter: string) => letter.toUpperCase())}`;
}

/** The script `lua/<name>-<N>.lua`, fragments included. */
export function loadedScript(name: string): LoadedScript {
  loaded ??= loadScripts();
  const script = loaded.get(name);
  if (!script) throw new Error(`no Redis script ${name} in ${LUA_DIR}`);
  return script;
}

/**
 * A script made of others: each pasted as a local function `name(KEYS, ARGV)` (its own keys and
 * arguments, as it reads them when it runs alone), then the text of `lua/composed/<name>.lua`,
 * which calls them with its slices of the keys and arguments.
 */
export function composeScript(
  name: string,
  functions: Record<string, string>,
  numberOfKeys: number,
): LoadedScript {
  const parts = Object.entries(functions).map(
    ([functionName, lua]) => `local function ${functionName}(KEYS, ARGV)\n${lua}\nend\n`,
  );
  const main = readFileSync(join(LUA_DIR, 'composed', `${name}.lua`), 'utf8');
  return { lua: `${parts.join('')}${main}`, numberOfKeys };
}

/**
 * The script `lua/<name>-<N>.lua` (or one composed of others: `composeScript`) as a command of the
 * connection (`defineCommand`): sent once, then run by its SHA (`EVALSHA`), instead of the whole
 * script with every call. Defined once per connection, whatever number of stores share it.
 */
export function defineScript(redis: Redis, name: string, script = loadedScript(name)): Script {
  const command = commandNameOf(name);
  const commands = redis as unknown as Record<string, Script | undefined>;
  if (!commands[command]) redis.defineCommand(command, script);
  const run = commands[command];
  if (!run) throw new Error(`Redis script ${name} could not be defined`);
  return (...keysThenArgs) => run.apply(redis, keysThenArgs);
}
