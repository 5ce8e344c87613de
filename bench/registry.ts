/**
 * Registry at scale, under fake-indexeddb (Node): importing a 100,000-work export file (JSON, and
 * zip with thumbnails), loading the match index entries, paging and searching the grid.
 * `npm run bench:registry [-- --works N --views V --thumbnail-bytes B --only json|zip]`.
 * By default works get fingerprints of the real size: as many views as the engine makes for a
 * picture, each as long as the engine writes them.
 */
import 'fake-indexeddb/auto';
import { randomBytes } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseArgs } from 'node:util';
import { deleteDB } from 'idb';
import sharp from 'sharp';
import { decodeFile } from '../src/node/decode.ts';
import { fingerprintWork, viewCount, VIEW_BYTES, type WorkFingerprint } from '../src/match/index.ts';
import { encodeRegistry, importRegistry, parseRegistryFile, type ExportEntry } from '../src/registry/format.ts';
import { Registry } from '../src/registry/store.ts';
import { createWork } from '../src/registry/work.ts';

const { values } = parseArgs({
  options: {
    works: { type: 'string', default: '100000' },
    views: { type: 'string' },
    'thumbnail-bytes': { type: 'string', default: '2000' },
    only: { type: 'string' },
  },
});
const count = Number(values.works);
const thumbnailBytes = Number(values['thumbnail-bytes']);

setFlagsFromString('--expose-gc');
/** Full collection between phases, so each is timed without the garbage of the one before. */
const gc = runInNewContext('gc') as () => void;

/** A phase's start: wall clock, and this process's CPU time (all threads). */
function mark(): { wall: number; cpu: number } {
  const { user, system } = process.cpuUsage();
  return { wall: performance.now(), cpu: (user + system) / 1000 };
}

/**
 * Wall time and CPU time since `start`. On a shared machine the wall time depends on the
 * neighbours; the CPU time is what the phase costs.
 */
function since(start: { wall: number; cpu: number }): string {
  const now = mark();
  return `${((now.wall - start.wall) / 1000).toFixed(2)} s (${((now.cpu - start.cpu) / 1000).toFixed(2)} s CPU)`;
}

/** A real fingerprint, to copy the shape (number and length of views) from. */
async function templateFingerprint(): Promise<WorkFingerprint> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360"><rect width="480" height="360" fill="#2a6"/>
    <circle cx="150" cy="160" r="90" fill="#e83"/><rect x="260" y="60" width="160" height="220" fill="#35c"/></svg>`;
  const real = fingerprintWork(await decodeFile(await sharp(Buffer.from(svg)).png().toBuffer()));
  const views = values.views === undefined ? viewCount(real) : Number(values.views);
  return { engine: real.engine, views: new Uint8Array(views * VIEW_BYTES) };
}

function entries(template: WorkFingerprint): ExportEntry[] {
  const thumbnail = { type: 'image/jpeg', bytes: randomBytes(thumbnailBytes) };
  return Array.from({ length: count }, (_, i) => ({
    work: createWork(
      {
        title: `Work ${i}`,
        fileName: `work-${String(i).padStart(6, '0')}.jpg`,
        digest: randomBytes(32).toString('hex'),
        width: 3000,
        height: 2000,
        fingerprint: { engine: template.engine, views: new Uint8Array(randomBytes(template.views.length)) },
        creator: 'Ada Painter',
        licence: 'All rights reserved',
      },
      new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString(),
    ),
    thumbnail,
  }));
}

const template = await templateFingerprint();
console.log(`${count} works; fingerprints of ${viewCount(template)} views (${template.views.length} bytes, engine ${template.engine}); thumbnails ${thumbnailBytes} bytes`);

/** Encodes, parses and imports one file; its bytes and parsed form are garbage once this returns. */
async function importFile(registry: Registry, zip: boolean): Promise<void> {
  const file = encodeRegistry(entries(template), { zip, thumbnails: zip });
  console.log(`\n${zip ? 'zip with thumbnails' : 'JSON without thumbnails'}: ${(file.length / 1e6).toFixed(1)} MB`);
  gc();
  const start = mark();
  const parsed = parseRegistryFile(file);
  const parseTime = since(start);
  const report = await importRegistry(registry, parsed);
  console.log(`  import (parse + validate + one transaction): ${since(start)} (parse and validate ${parseTime}); added ${report.added}`);
}

for (const zip of values.only ? [values.only === 'zip'] : [false, true]) {
  const registry = await Registry.open(`bench-${zip}`);
  await importFile(registry, zip);
  gc();

  let start = mark();
  await registry.loadMatchIndex();
  console.log(`  loadMatchIndex, first after the import (reads every record, builds, writes the snapshot): ${since(start)}`);
  gc();
  start = mark();
  const matchIndex = await registry.loadMatchIndex();
  console.log(`  loadMatchIndex, from the snapshot (every later load until the next change): ${since(start)} for ${matchIndex.size} works`);
  gc();

  start = mark();
  const page = await registry.pageWorks({ sort: 'title', offset: Math.floor(count / 2), limit: 50 });
  console.log(`  pageWorks, by title, a page of 50 in the middle: ${since(start)} (${page.total} works)`);
  start = mark();
  const found = await registry.pageWorks({ search: 'work-0999', limit: 50 });
  console.log(`  pageWorks, search over every work: ${since(start)} (${found.total} found)`);
  registry.close();
  await deleteDB(`bench-${zip}`);
  gc();
}
