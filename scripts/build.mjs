// `npm run build`: compiles the receiver and worker entry points and what they import
// (tsconfig.build.json) into dist/, or the folder given as the first argument, then copies what
// the compiled code reads beside its JavaScript: the Lua scripts of src/store/lua. Plain Node, so
// that the image's build stage needs nothing more than the compiler.
import { execFileSync } from 'node:child_process';
import { cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = resolve(root, process.argv[2] ?? 'dist');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json', '--outDir', outDir], {
  cwd: root,
  stdio: 'inherit',
});
cpSync(join(root, 'src/store/lua'), join(outDir, 'src/store/lua'), {
  recursive: true,
  filter: (source) => !/\.[^/]+$/.test(source) || source.endsWith('.lua'),
});
