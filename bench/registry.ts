/**
 * Registry at scale, under fake-indexeddb (Node): importing a 100,000-work export file, and
 * loading the match index entries from it. `npm run bench:registry [-- --works N]`.
 * Works get fingerprints of the real size (as many views as the engine makes for a picture).
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { decodeFile } from '../src/node/decode.ts';
import { fingerprintWork, MatchIndex, type WorkFingerprint } from '../src/match/index.ts';
import { encodeRegistry, importRegistry, parseRegistryFile, type ExportEntry } from '../src/registry/format.ts';
import { Registry } from '../src/registry/store.ts';
import { createWork } from '../src/registry/work.ts';

const { values } = parseArgs({ options: { works: { type: 'string', default: '100000' }, 'thumbnail-bytes': { type: 'string', default: '2000' } } });
const count = Number(values.works);
const thumbnailBytes = Number(values['thumbnail-bytes']);

function seconds(start: number): string {
  return `${((performance.now() - start) / 1000).toFixed(2)} s`;
}

/** A real fingerprint, to copy the shape (number and length of views) from. */
async function templateFingerprint(): Promise<WorkFingerprint> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="#2a6"/>
    <circle cx="150" cy="160" r="90" fill="#e83"/><rect x="260" y="60" width="160" height="220" fill="#35c"/></svg>`;
  return fingerprintWork(await decodeFile(await sharp(Buffer.from(svg)).png().toBuffer()));
}

function entries(template: WorkFingerprint): ExportEntry[] {
  const viewBytes = Buffer.from(template.views[0], 'base64').length;
  const thumbnail = { type: 'image/jpeg', bytes: randomBytes(thumbnailBytes) };
  return Array.from({ length: count }, (_, i) => ({
    work: createWork(
      {
        title: `Work ${i}`,
        fileName: `work-${String(i).padStart(6, '0')}.jpg`,
        digest: randomBytes(32).toString('hex'),
        width: 3000,
        height: 2000,
        fingerprint: { engine: template.engine, views: template.views.map(() => randomBytes(viewBytes).toString('base64')) },
        creator: 'Ada Painter',
        licence: 'All rights reserved',
      },
      new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    ),
    thumbnail,
  }));
}

const template = await templateFingerprint();
console.log(`${count} works, ${template.views.length} views each (engine ${template.engine}), thumbnails ${thumbnailBytes} bytes`);

for (const zip of [false, true]) {
  const file = encodeRegistry(entries(template), { zip, thumbnails: zip });
  const label = zip ? 'zip with thumbnails' : 'JSON without thumbnails';
  console.log(`\n${label}: ${(file.length / 1e6).toFixed(1)} MB`);

  const registry = await Registry.open(`bench-${zip}`);
  let start = performance.now();
  const parsed = parseRegistryFile(file);
  const parseTime = seconds(start);
  const report = await importRegistry(registry, parsed);
  console.log(`  import (parse + validate + one transaction): ${seconds(start)} (parse ${parseTime}); added ${report.added}`);

  start = performance.now();
  const index = await registry.loadIndexEntries();
  console.log(`  loadIndexEntries: ${seconds(start)} for ${index.length} works`);
  start = performance.now();
  const matchIndex = new MatchIndex();
  for (const { id, fingerprint } of index) matchIndex.add(id, fingerprint);
  console.log(`  MatchIndex.add for all: ${seconds(start)}`);

  start = performance.now();
  const page = await registry.pageWorks({ sort: 'title', offset: Math.floor(count / 2), limit: 50 });
  console.log(`  pageWorks (by title, middle page of 50): ${seconds(start)} (${page.total} in all)`);
  start = performance.now();
  const found = await registry.pageWorks({ search: 'work-0999', limit: 50 });
  console.log(`  pageWorks search over all works: ${seconds(start)} (${found.total} found)`);
  registry.close();
}
