import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

const CODE_FOLDERS = ['src', 'workers', 'config', 'sandbox', 'scripts', 'bench', 'test'];
const CODE_FILE = /\.(ts|mjs|js)$/;

function filesBelow(folder: string, accept: RegExp): string[] {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' ? [] : filesBelow(path, accept);
    return accept.test(name) ? [path] : [];
  });
}

/** Where a cited document lives: as written when it names a folder, else inside docs/. */
const resolveCitation = (cited: string) => (cited.includes('/') ? cited : join('docs', cited));

describe('the documents the code cites', () => {
  it('when a comment names a document (connector.md, docs/reliability.md, …), then that document is in the repository', () => {
    const missing: string[] = [];
    for (const file of CODE_FOLDERS.flatMap((folder) => filesBelow(folder, CODE_FILE))) {
      for (const [cited] of readFileSync(file, 'utf8').matchAll(/[A-Za-z0-9_./-]+\.md\b/g)) {
        if (!existsSync(resolveCitation(cited))) missing.push(`${file}: ${cited}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('when a document links to another file of the repository, then that file exists', () => {
    const broken: string[] = [];
    for (const doc of ['README.md', ...filesBelow('docs', /\.md$/)]) {
      for (const [, target] of readFileSync(doc, 'utf8').matchAll(/\]\(([^)#\s]+)(?:#[^)]*)?\)/g)) {
        if (!target || /^[a-z]+:/.test(target)) continue; // http:, mailto: …
        if (!existsSync(resolve(dirname(doc), target))) broken.push(`${doc}: ${target}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
