// Set-up step of `npm start` and `npm test` (plain Node, no dependencies: it runs before they exist).
// Installs npm dependencies when missing or stale, and Debian's redis-server when missing.
// Idempotent and quick when everything is present.
import { createHash } from 'node:crypto';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = join(root, 'node_modules', '.dit-setup-stamp');

function fail(sentence) {
  process.stderr.write(`set-up: ${sentence}\n`);
  process.exit(1);
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0)
    fail(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
}

function dependencyFingerprint() {
  const hash = createHash('sha256');
  for (const name of ['package.json', 'package-lock.json']) {
    const file = join(root, name);
    if (existsSync(file)) hash.update(readFileSync(file));
  }
  return hash.digest('hex');
}

function ensureNpmDependencies() {
  const fingerprint = dependencyFingerprint();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === fingerprint) return;
  process.stdout.write('set-up: installing npm dependencies…\n');
  run('npm', existsSync(join(root, 'package-lock.json')) ? ['ci', '--no-audit', '--no-fund'] : ['install']);
  writeFileSync(stampFile, fingerprint);
}

function onPath(binary) {
  return spawnSync('sh', ['-c', `command -v ${binary}`], { stdio: 'ignore' }).status === 0;
}

/** Installs a Debian package when its binary is missing (root only). */
function ensureDebianBinary(binary, debianPackage) {
  if (onPath(binary)) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !onPath('apt-get')) {
    fail(
      `${binary} is missing: install Debian's \`${debianPackage}\` package (sudo apt-get install ${debianPackage}) and run this command again.`,
    );
  }
  process.stdout.write(`set-up: installing ${debianPackage} from Debian's packages…\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', debianPackage], {
    stdio: 'inherit',
    env,
  });
  if (!onPath(binary)) fail(`${debianPackage} was installed but ${binary} is still not on PATH.`);
}

ensureNpmDependencies();
ensureDebianBinary('redis-server', 'redis-server');
// the HR page's end-to-end test drives Debian's Chromium (playwright-core, no browser download)
if (process.argv.includes('--with-chromium')) ensureDebianBinary('chromium', 'chromium');
