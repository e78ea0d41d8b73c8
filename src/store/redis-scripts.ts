import type Redis from 'ioredis';

type ScriptArg = string | number;
type Script = (...keysThenArgs: ScriptArg[]) => Promise<unknown>;

/**
 * A Lua script as a command of the connection (`defineCommand`): sent once, then run by its SHA
 * (`EVALSHA`), instead of the whole script with every call. Defined once per connection, whatever
 * number of stores share it.
 */
export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): Script {
  const commands = redis as unknown as Record<string, Script | undefined>;
  if (!commands[name]) redis.defineCommand(name, { numberOfKeys, lua });
  const script = commands[name];
  if (!script) throw new Error(`Redis script ${name} could not be defined`);
  return (...keysThenArgs) => script.apply(redis, keysThenArgs);
}
