/**
 * Runs inside an extension page (bundled and evaluated by page-registry.ts, never shipped):
 * fills the registry through its own API and reads it back, for benchmarks and e2e tests.
 */
import { fingerprintWork } from '../../src/match/index.ts';
import { emptyAuthorship, type Work } from '../../src/registry/schema.ts';
import { Registry, type ImportedWork } from '../../src/registry/store.ts';
import { createWork } from '../../src/registry/work.ts';

const WORDS = ['dawn', 'harbour', 'ember', 'lantern', 'meadow', 'nebula', 'orchid', 'quarry', 'river', 'saffron', 'tundra', 'violet', 'willow', 'zephyr', 'copper', 'fable'];

function hex64(n: number): string {
  let out = '';
  let x = (n * 2654435761 + 7) >>> 0;
  while (out.length < 64) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out += x.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

async function samplePictures(count: number): Promise<{ rgba: ImageData; jpeg: ArrayBuffer }[]> {
  const pictures = [];
  for (let i = 0; i < count; i++) {
    const canvas = new OffscreenCanvas(96, 72);
    const context = canvas.getContext('2d')!;
    const hue = (i * 137) % 360;
    const gradient = context.createLinearGradient(0, 0, 96, 72);
    gradient.addColorStop(0, `hsl(${hue} 70% 55%)`);
    gradient.addColorStop(1, `hsl(${(hue + 60) % 360} 60% 30%)`);
    context.fillStyle = gradient;
    context.fillRect(0, 0, 96, 72);
    context.fillStyle = `hsl(${(hue + 180) % 360} 80% 70%)`;
    context.beginPath();
    context.arc(20 + ((i * 13) % 56), 20 + ((i * 7) % 32), 10 + (i % 12), 0, Math.PI * 2);
    context.fill();
    const rgba = context.getImageData(0, 0, 96, 72);
    const jpeg = await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.8 })).arrayBuffer();
    pictures.push({ rgba, jpeg });
  }
  return pictures;
}

let registry: Promise<Registry> | undefined;
const open = () => (registry ??= Registry.open());

async function seed(count: number, start = 0): Promise<number> {
  const db = await open();
  const pictures = await samplePictures(64);
  const fingerprints = pictures.map(({ rgba }) => fingerprintWork({ width: rgba.width, height: rgba.height, data: rgba.data }));
  const base = Date.parse('2024-01-01T00:00:00Z');
  let added = 0;
  for (let from = start; from < start + count; from += 2000) {
    const batch: ImportedWork[] = [];
    for (let n = from; n < Math.min(start + count, from + 2000); n++) {
      const picture = n % pictures.length;
      const title = `${WORDS[n % WORDS.length]} ${WORDS[(n >> 4) % WORDS.length]} ${n}`;
      const ai = n % 5 === 0;
      const work: Work = createWork(
        {
          title: title[0].toUpperCase() + title.slice(1),
          fileName: `IMG_${String(n).padStart(6, '0')}.jpg`,
          digest: hex64(n),
          width: 4000,
          height: 3000,
          fingerprint: fingerprints[picture],
          creator: n % 3 === 0 ? 'Mei Lin' : '',
          authorship: ai ? { ...emptyAuthorship(), aiGenerated: true, prompts: [{ prompt: `a ${title}`, negativePrompt: '', at: null, note: '' }] } : undefined,
          cmi: n % 7 === 0 ? { c2pa: n % 14 === 0, artist: 'Mei Lin', copyright: '© Mei Lin' } : undefined,
        },
        new Date(base + n * 60_000).toISOString(),
      );
      batch.push({ work, thumbnail: { type: 'image/jpeg', bytes: pictures[picture].jpeg.slice(0) } });
    }
    added += (await db.importWorks(batch)).added;
  }
  return added;
}

async function digestOf(bytes: ArrayBuffer): Promise<string> {
  return Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The whole registry as comparable JSON: works sorted by id, each with its thumbnail's digest. */
async function snapshot(): Promise<Array<Work & { thumbnail: string | null }>> {
  const db = await open();
  const thumbnails = new Map((await db.listThumbnails()).map((t) => [t.workId, t]));
  const works = (await db.listWorks()).sort((a, b) => a.id.localeCompare(b.id));
  return Promise.all(
    works.map(async (work) => {
      const thumbnail = thumbnails.get(work.id);
      return { ...work, thumbnail: thumbnail ? `${thumbnail.type}:${await digestOf(thumbnail.bytes)}` : null };
    }),
  );
}

async function count(): Promise<number> {
  return (await open()).countWorks();
}

/**
 * What the background does when it needs the match index (extension/background/works.ts), timed:
 * on a fresh connection, from the index snapshot (or the fingerprints, when a change removed it).
 */
async function loadIndex(): Promise<{ works: number; views: number; ms: number }> {
  const fresh = await Registry.open();
  const started = performance.now();
  const index = await fresh.loadMatchIndex();
  const ms = performance.now() - started;
  fresh.close();
  return { works: index.size, views: index.viewCount, ms };
}

(globalThis as unknown as { reuseRadarTest: unknown }).reuseRadarTest = { seed, snapshot, count, loadIndex, registry: open };
