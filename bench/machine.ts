import { execFileSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import type Redis from 'ioredis';
import { round } from './process-stats';

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  redis: string;
  platform: string;
  /** The commit measured, and the files changed on top of it when the run started. */
  commit: string;
  uncommitted: string[];
}

function git(args: string[]): string {
  try {
    // trimEnd only: `git status --short` lines start with a space when the index is clean
    return execFileSync('git', args, { encoding: 'utf8' }).trimEnd();
  } catch {
    return '';
  }
}

export async function describeMachine(redis: Redis): Promise<Machine> {
  const info = await redis.info('server');
  return {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: round(totalmem() / 1024 ** 3, 1),
    node: process.version,
    redis: /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown',
    platform: `${process.platform} ${process.arch}`,
    commit: git(['rev-parse', '--short', 'HEAD']) || 'unknown',
    uncommitted: git(['status', '--short', '--untracked-files=no'])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)),
  };
}
