import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { aProductionEnv } from '../../helpers/production-env';
import { tiedToThisProcess } from '../../helpers/processes';
import { aFreshPrefix } from '../../helpers/redis';

const ROOT = resolve(__dirname, '../../..');
let outDir: string;

function filesBelow(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesBelow(path) : [relative(outDir, path)];
  });
}

/** Runs a compiled entry point with plain node, as the image does, until `ready` is printed. */
async function runCompiled(
  entry: string,
  env: Record<string, string>,
  ready: string,
): Promise<{ code: number | string | null; output: string }> {
  const child = spawn(...tiedToThisProcess(process.execPath, [join(outDir, entry)]), {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', NODE_ENV: 'production', ...env },
  });
  let output = '';
  await new Promise<void>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`${entry} printed no "${ready}": ${output}`)), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(ready)) done(void clearTimeout(timer));
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  });
  // the exit code, or the signal that ended a process which did not handle it
  const exited = new Promise<number | string | null>((done) =>
    child.once('exit', (code, signal) => done(code ?? signal)),
  );
  child.kill('SIGTERM');
  return { code: await exited, output };
}

beforeAll(() => {
  // inside the project, so that the compiled code finds node_modules as dist/ does
  const cache = join(ROOT, 'node_modules', '.cache');
  mkdirSync(cache, { recursive: true });
  outDir = mkdtempSync(join(cache, 'dit-build-'));
  // what npm run build runs, into a folder of its own
  execFileSync(process.execPath, ['scripts/build.mjs', outDir], { cwd: ROOT, stdio: 'pipe' });
}, 120_000);

afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe('the production build (npm run build, what the image runs)', () => {
  it('when the entry points are compiled, then the output holds them and no sandbox, npm start (scripts/), test or benchmark code', () => {
    const files = filesBelow(outDir);

    expect(files).toEqual(expect.arrayContaining(['src/server.js', 'workers/transfer-worker.js']));
    expect(files.filter((file) => /^(sandbox|scripts|test|bench)\//.test(file))).toEqual([]);
  });

  it('when the entry points are compiled, then every Lua script the store loads is beside its JavaScript', () => {
    const scripts = readdirSync(join(ROOT, 'src/store/lua'), { recursive: true, encoding: 'utf8' });
    const lua = scripts.filter((file) => file.endsWith('.lua')).map((file) => join('src/store/lua', file));

    expect(lua.length).toBeGreaterThan(0);
    expect(
      filesBelow(outDir)
        .filter((file) => file.endsWith('.lua'))
        .sort(),
    ).toEqual(lua.sort());
  });

  it('when the compiled receiver and worker run with plain node in production, then they start and stop cleanly', async () => {
    const env = await aProductionEnv(aFreshPrefix('prod-build'));

    const receiver = await runCompiled('src/server.js', env, 'receiver listening');
    const worker = await runCompiled('workers/transfer-worker.js', env, 'transfer worker started');

    expect(receiver).toEqual({ code: 0, output: expect.stringContaining('shutdown step done') as unknown });
    expect(worker).toEqual({ code: 0, output: expect.stringContaining('shutdown step done') as unknown });
  });

  it('when production dependencies are installed, then no TypeScript runtime is among them', () => {
    const { dependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };

    expect(Object.keys(dependencies)).not.toEqual(expect.arrayContaining(['tsx']));
    expect(Object.keys(dependencies).filter((name) => /^(tsx|ts-node|typescript)$/.test(name))).toEqual([]);
    expect(existsSync(join(ROOT, 'Dockerfile')) && readFileSync(join(ROOT, 'Dockerfile'), 'utf8')).toContain(
      'dist/src/server.js',
    );
  });
});
