import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { defineScript, loadScripts, LUA_DIR } from '../../../src/store/redis-scripts';
import { aFreshPrefix, aRedisClient } from '../../helpers/redis';

let redis: Redis;
let scratch: string;

beforeAll(() => {
  redis = aRedisClient();
});
afterAll(async () => {
  await redis.quit();
});
beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dit-lua-'));
  mkdirSync(join(scratch, 'includes'));
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

/** Every file below a folder, as paths relative to it. */
function filesBelow(folder: string, under = ''): string[] {
  return readdirSync(join(folder, under), { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(folder, join(under, entry.name)) : [join(under, entry.name)],
  );
}

describe('the Lua scripts (src/store/lua)', () => {
  it('when every script is loaded, then each compiles in Redis with its fragments in place', async () => {
    const scripts = loadScripts();

    expect(scripts.size).toBeGreaterThanOrEqual(13);
    for (const [name, { lua, numberOfKeys }] of scripts) {
      expect({ name, include: /@include/.test(lua) }).toEqual({ name, include: false });
      expect(numberOfKeys).toBeGreaterThan(0);
      await expect(redis.script('LOAD', lua)).resolves.toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it('when the scripts are listed, then a transfer is re-opened in one fragment, which the claim, the recall-or-claim and the re-queue all include', () => {
    const reopenings = filesBelow(LUA_DIR).filter((file) =>
      readFileSync(join(LUA_DIR, file), 'utf8').includes("'HDEL', KEYS[1], 'archivedAt'"),
    );
    const scripts = loadScripts();
    const reopen = /local function reopenTransfer\(/g;

    expect(reopenings).toEqual(['includes/reopen-transfer.lua']);
    for (const name of ['claim-transfer', 'recall-or-claim-transfer', 'requeue-transfer']) {
      expect({ name, copies: scripts.get(name)?.lua.match(reopen)?.length }).toEqual({ name, copies: 1 });
    }
  });

  it('when a fragment is included twice, directly and through another, then the script holds it once', () => {
    writeFileSync(join(scratch, 'includes/shared.lua'), 'local function shared() return 1 end\n');
    writeFileSync(
      join(scratch, 'includes/outer.lua'),
      '--- @include "includes/shared.lua"\nlocal outer = 2\n',
    );
    writeFileSync(
      join(scratch, 'both-1.lua'),
      '--- @include "includes/shared.lua"\n--- @include "includes/outer.lua"\nreturn shared() + outer\n',
    );
    writeFileSync(join(scratch, 'not-a-script.txt'), 'ignored');

    const scripts = loadScripts(scratch);

    expect([...scripts.keys()]).toEqual(['both']);
    expect(scripts.get('both')).toEqual({
      lua: 'local function shared() return 1 end\nlocal outer = 2\nreturn shared() + outer\n',
      numberOfKeys: 1,
    });
  });

  it('when a fragment is missing, then loading fails naming it', () => {
    writeFileSync(join(scratch, 'broken-1.lua'), '--- @include "includes/gone.lua"\nreturn 1\n');

    expect(() => loadScripts(scratch)).toThrow(/includes\/gone\.lua/);
  });

  it('when a script is defined on a connection, then it runs by its file name with the keys its name counts', async () => {
    const key = `${aFreshPrefix('lua')}:watermark`;
    const moveForward = defineScript(redis, 'move-sweep-watermark');

    await expect(moveForward(key, '2025-02-01T00:00:00.000Z')).resolves.toBe(1);
    await expect(moveForward(key, '2025-01-01T00:00:00.000Z')).resolves.toBe(0);
    await expect(redis.get(key)).resolves.toBe('2025-02-01T00:00:00.000Z');
    expect(() => defineScript(redis, 'no-such-script')).toThrow(/no Redis script no-such-script/);
  });
});
