import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/**
 * Adds the variables of an env file (`.env`, written as .env.example shows) to `env`, for
 * `npm start`: a variable already set in `env` wins, even when empty, so that a value given on the
 * command line or by the shell is never overridden by the file. A missing file adds nothing.
 * Returns the names it added (never their values: some are secrets).
 */
export function addEnvFile(env: NodeJS.ProcessEnv, file: string): string[] {
  let content: string;
  try {
    content = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const added: string[] = [];
  for (const [name, value] of Object.entries(parseEnv(content))) {
    if (value === undefined || name in env) continue;
    env[name] = value;
    added.push(name);
  }
  return added;
}
