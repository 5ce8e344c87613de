/**
 * Regenerates test/fixtures/match: a few corpus images shrunk to ≤ 320 px (JPEG q90), their
 * provenance, and reference.json — the fingerprints Node computes for them, which browser parity
 * tests compare against.
 *
 *   npx tsx bench/lib/make-fixtures.ts            # copy from ../shared/corpus and write reference.json
 *   npx tsx bench/lib/make-fixtures.ts --reference # only recompute reference.json (after an engine change)
 */
import sharp from 'sharp';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeFile } from '../../src/node/decode.ts';
import { ENGINE_VERSION, fingerprintQuery, fingerprintWork } from '../../src/match/index.ts';
import { bytesToBase64 } from '../../src/match/codec.ts';
import { DEFAULT_CORPUS, REPO_ROOT } from './corpus.ts';

export const FIXTURE_DIR = join(REPO_ROOT, 'test', 'fixtures', 'match');
export const FIXTURES = ['portrait-0001', 'portrait-0061', 'skyart-0159', 'skyart-0204', 'skimage-0208', 'skimage-0221'];

if (!process.argv.includes('--reference')) {
  const index = JSON.parse(readFileSync(join(DEFAULT_CORPUS, 'index.json'), 'utf8')) as { id: string; file: string; source: string; group: string; package: string }[];
  const lines = [
    '# Matching test fixtures',
    '',
    'Copied from the development corpus (`../shared/corpus`, see its `index.json`) by',
    '`npx tsx bench/lib/make-fixtures.ts`, shrunk to at most 320 px on the longer side and re-encoded',
    'as JPEG quality 90. They keep the licences of the Debian packages they come from (see each',
    "package's `copyright` file).",
    '',
    '| file | corpus id | package | path in package |',
    '|---|---|---|---|',
  ];
  for (const id of FIXTURES) {
    const e = index.find((x) => x.id === id);
    if (!e) throw new Error(`${id} not in corpus index`);
    await sharp(join(DEFAULT_CORPUS, e.file)).resize(320, 320, { fit: 'inside', withoutEnlargement: true }).jpeg({ quality: 90 }).toFile(join(FIXTURE_DIR, `${id}.jpg`));
    lines.push(`| ${id}.jpg | ${id} | ${e.package} | ${e.source} |`);
  }
  lines.push('', '`reference.json` holds the fingerprints Node computes for each file (decoded with',
    '`src/node/decode.ts`); the browser parity tests compare their own fingerprints and match results',
    'against it. Regenerate it with `npx tsx bench/lib/make-fixtures.ts --reference` after an engine change.', '');
  writeFileSync(join(FIXTURE_DIR, 'PROVENANCE.md'), lines.join('\n'));
}

const reference: Record<string, unknown> = { engine: ENGINE_VERSION, fixtures: {} };
for (const id of FIXTURES) {
  const img = await decodeFile(join(FIXTURE_DIR, `${id}.jpg`));
  const work = fingerprintWork(img);
  (reference.fixtures as Record<string, unknown>)[`${id}.jpg`] = {
    width: img.width, height: img.height, work: { engine: work.engine, views: bytesToBase64(work.views) }, query: fingerprintQuery(img),
  };
}
writeFileSync(join(FIXTURE_DIR, 'reference.json'), JSON.stringify(reference, null, 1) + '\n');
console.log(`wrote ${FIXTURE_DIR}/reference.json (engine ${ENGINE_VERSION})`);
