import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../config';
import { addEnvFile } from '../../scripts/env-file';

/** An env file with these lines in a folder of its own. */
function anEnvFile(...lines: string[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'dit-env-file-')), '.env');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe("npm start's .env (scripts/env-file.ts)", () => {
  it('when .env sets a variable the environment does not, then the config npm start reads has it', () => {
    const env: NodeJS.ProcessEnv = {};
    const file = anEnvFile(
      '# a comment',
      'WORKER_CONCURRENCY=7',
      'TRIGGER_STATUSES="Outcome: Recruited, Offer: Accepted"',
    );

    const added = addEnvFile(env, file);

    expect(added.sort()).toEqual(['TRIGGER_STATUSES', 'WORKER_CONCURRENCY']);
    const config = loadConfig(env, 'all');
    expect(config.workerConcurrency).toBe(7);
    expect(config.triggerStatuses).toEqual(['Outcome: Recruited', 'Offer: Accepted']);
  });

  it('when the environment already sets a variable, even to nothing, then the environment wins', () => {
    const env: NodeJS.ProcessEnv = { WORKER_CONCURRENCY: '3', SMTP_URL: '' };

    const added = addEnvFile(env, anEnvFile('WORKER_CONCURRENCY=7', 'SMTP_URL=smtp://relay.example:25'));

    expect(added).toEqual([]);
    expect(env).toEqual({ WORKER_CONCURRENCY: '3', SMTP_URL: '' });
  });

  it('when there is no .env, then nothing is added', () => {
    const env: NodeJS.ProcessEnv = {};

    expect(addEnvFile(env, join(mkdtempSync(join(tmpdir(), 'dit-env-file-')), '.env'))).toEqual([]);
    expect(env).toEqual({});
  });

  it('when .env.example is copied to .env as it is, then npm start runs in development, with its defaults', () => {
    const env: NodeJS.ProcessEnv = {};

    addEnvFile(env, '.env.example');

    const config = loadConfig(env, 'all');
    expect(config.isProduction).toBe(false);
    expect(config.redis).toBeUndefined(); // the embedded Redis
    expect(config.trac.baseUrl).toBeUndefined(); // the sandbox
  });

  it('when the two templates are read, then each says at its head whom it is for and points at the other', () => {
    const local = readFileSync('.env.example', 'utf8').split('\n').slice(0, 8).join('\n');
    const production = readFileSync('deploy/production.env.example', 'utf8')
      .split('\n')
      .slice(0, 8)
      .join('\n');

    expect(local).toContain('for `npm start`');
    expect(local).toContain('deploy/production.env.example');
    expect(production).toContain('For production with Docker Compose');
    expect(production).toContain('.env.example');
    const env: NodeJS.ProcessEnv = {};
    addEnvFile(env, 'deploy/production.env.example');
    expect(env.NODE_ENV).toBe('production');
  });
});
