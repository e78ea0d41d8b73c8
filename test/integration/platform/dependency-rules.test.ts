import { spawnSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
/** A miniature of the layout that breaks the rules (see its README.md). */
const FIXTURE = join(ROOT, 'test/fixtures/depcruise');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

interface Violation {
  rule: { name: string };
  from: string;
  to: string;
}

/** Runs dependency-cruiser as `npm run lint` does, from `cwd`, with its config there. */
function cruise(cwd: string, folders: string[], outputType: 'json' | 'err') {
  const args = [DEPCRUISE, ...folders, '--config', '.dependency-cruiser.cjs', '--output-type', outputType];
  const run = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: 60_000 });
  return { code: run.status, output: run.stdout + run.stderr };
}

function violationsOf(output: string): string[] {
  const { summary } = JSON.parse(output) as { summary: { violations: Violation[] } };
  return summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
}

describe('the dependency rules (.dependency-cruiser.cjs, run by npm run lint)', () => {
  it('when service code imports development code, directly or through another module, then each import and each reach from an entry point is a violation', () => {
    const { output } = cruise(FIXTURE, ['src', 'workers', 'config', 'scripts', 'test'], 'json');

    expect(violationsOf(output).filter((v) => !v.startsWith('only-the-store'))).toEqual([
      'the-production-build-reaches-no-development-code: src/server.ts → scripts/embedded-redis.ts',
      'the-production-build-reaches-no-development-code: workers/transfer-worker.ts → test/helpers/webhooks.ts',
      'the-service-imports-no-development-code: config/settings.ts → test/helpers/webhooks.ts',
      'the-service-imports-no-development-code: src/server.ts → scripts/embedded-redis.ts',
    ]);
  });

  it('when code outside src/store and workers imports ioredis, bullmq or rate-limiter-flexible, even only a type, then each import is a violation and the store and the worker edge may', () => {
    const { output } = cruise(FIXTURE, ['src', 'workers', 'config', 'scripts', 'test'], 'json');

    // the package each import reaches, wherever node_modules is and whatever file its entry is
    const driverImports = violationsOf(output)
      .filter((v) => v.startsWith('only-the-store-knows-redis-and-bullmq'))
      .map((v) => v.replace(/→ .*node_modules\/([^/]+)\/.*$/, '→ $1'));
    expect(driverImports).toEqual([
      'only-the-store-knows-redis-and-bullmq: src/admin/board-queue.ts → bullmq',
      'only-the-store-knows-redis-and-bullmq: src/admin/login-limit.ts → rate-limiter-flexible',
      'only-the-store-knows-redis-and-bullmq: src/health/readiness.ts → ioredis',
    ]);
  });

  it('when the lint step cruises such code, then it fails naming the rule', () => {
    const { code, output } = cruise(FIXTURE, ['src', 'workers', 'config', 'scripts', 'test'], 'err');

    expect(code).not.toBe(0);
    expect(output).toContain(
      'error the-service-imports-no-development-code: src/server.ts → scripts/embedded-redis.ts',
    );
    expect(output).toContain('error only-the-store-knows-redis-and-bullmq: src/health/readiness.ts → ');
  });

  it('when the connector itself is cruised, then the receiver and the worker reach no development code (the embedded Redis and free ports are in scripts/) and only src/store and workers/ know Redis and BullMQ', () => {
    const { code, output } = cruise(ROOT, ['src', 'workers', 'config', 'sandbox', 'scripts'], 'json');

    expect(violationsOf(output)).toEqual([]);
    expect(code).toBe(0);
  }, 60_000);
});
