/**
 * npm run package: zips the builds in dist/ for the stores, then lints the Firefox one as
 * addons.mozilla.org will. Fails on any lint warning: a store submission should be clean.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { zipSync, type Zippable } from 'fflate';

const root = resolve(import.meta.dirname, '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };

/** Fixed timestamps keep the archives byte-identical for identical builds. */
const MTIME = new Date('2000-01-01T00:00:00Z');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

for (const target of ['chrome', 'firefox']) {
  const dir = join(root, 'dist', target);
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) {
    console.error(`No build in dist/${target}: run \`npm run build\` first.`);
    process.exit(1);
  }
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version: string };
  if (manifest.version !== version) {
    console.error(`dist/${target}/manifest.json says version ${manifest.version}, package.json ${version}: rebuild first.`);
    process.exit(1);
  }
  const files: Zippable = {};
  // Source maps are for development builds; the stores get the shipped code only.
  for (const path of filesUnder(dir).filter((path) => !path.endsWith('.map')).sort()) {
    files[relative(dir, path).split('\\').join('/')] = [readFileSync(path), { mtime: MTIME }];
  }
  const out = join(root, 'dist', `reuse-radar-${version}-${target}.zip`);
  writeFileSync(out, zipSync(files, { level: 9 }));
  console.log(`${relative(root, out)}: ${Object.keys(files).length} files, ${(statSync(out).size / 1024).toFixed(0)} KiB`);
}

const lint = spawnSync(
  join(root, 'node_modules/.bin/web-ext'),
  ['lint', '--source-dir', join(root, 'dist/firefox'), '--warnings-as-errors'],
  { stdio: 'inherit' },
);
if (lint.status !== 0) {
  console.error('web-ext lint is not clean (see above): fix before submitting to addons.mozilla.org.');
  process.exit(lint.status ?? 1);
}
