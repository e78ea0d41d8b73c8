/**
 * `npx tsx bench/summarise-cpu-profile.ts <file.cpuprofile> [top]`: where a process spent its CPU,
 * from a V8 profile written by `npm run bench -- --profile DIR` (node --cpu-prof). Prints self time
 * by module (package or project file) and by function, heaviest first.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';

const ROOT = resolve(__dirname, '..');

const ProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

/** `node_modules/<package>` (scoped too), a project file, `node:` internals, or V8's own buckets. */
function moduleOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || 'anonymous'})`;
  const inPackage = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (inPackage?.[1]) return inPackage[1];
  const path = url.replace(/^file:\/\//, '');
  if (path.startsWith(`${ROOT}/`)) return path.slice(ROOT.length + 1);
  return path;
}

function top(totals: Map<string, number>, all: number, count: number): string[] {
  return [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(
      ([name, us]) =>
        `${((us / all) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
}

function main(): void {
  const [file, count = '25'] = process.argv.slice(2);
  if (!file) throw new Error('usage: tsx bench/summarise-cpu-profile.ts <file.cpuprofile> [top]');
  const profile = ProfileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
  const byId = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const byModule = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  profile.samples.forEach((id, index) => {
    const frame = byId.get(id);
    const us = profile.timeDeltas[index] ?? 0;
    if (!frame || frame.functionName === '(idle)') return;
    busy += us;
    const module = moduleOf(frame.url, frame.functionName);
    byModule.set(module, (byModule.get(module) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'}  ${module}:${frame.lineNumber + 1}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  });
  console.log(`${file}: ${(busy / 1000).toFixed(0)} ms busy (idle excluded)\n\nSelf time by module`);
  console.log(top(byModule, busy, Number(count)).join('\n'));
  console.log('\nSelf time by function');
  console.log(top(byFunction, busy, Number(count)).join('\n'));
}

main();
