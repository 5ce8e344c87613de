import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { ENGINE_VERSION } from '../../../src/match/index.ts';
import {
  encodeRegistry,
  exportRegistry,
  importRegistry,
  parseRegistryFile,
  RegistryFormatError,
  REGISTRY_FORMAT,
  withZip64End,
  type RegistryFormatProblem,
} from '../../../src/registry/format.ts';
import { Registry } from '../../../src/registry/store.ts';
import { fingerprint, freshName, hex64, newWork, rr3Fingerprint } from './helpers.ts';
import { bytesToBase64 } from '../../../src/match/codec.ts';

async function filledRegistry(count = 3): Promise<Registry> {
  const registry = await Registry.open(freshName());
  for (let i = 0; i < count; i++) {
    await registry.addWork(
      newWork(i, {
        creator: 'Ada Painter',
        createdAt: '2025-12-24',
        publicationUrls: [`https://art.example/ada/${i}`],
        licence: 'All rights reserved',
        cmi: { c2pa: i === 0, artist: 'Ada', copyright: '© Ada' },
        authorship: {
          aiGenerated: true,
          tools: [{ name: 'Diffuser', version: '2.1', kind: 'model' }],
          prompts: [
            { prompt: 'a dragon', negativePrompt: 'blurry', at: '2025-12-20T10:00:00Z', note: '' },
            { prompt: 'a red dragon at dusk', negativePrompt: 'blurry, text', at: null, note: 'warmer light' },
          ],
          seeds: ['18446744073709551615'],
          parameters: { steps: 30, sampler: 'euler', hires: true },
          candidates: 24,
          chosen: 'candidate 7: best wing shape',
          edits: [{ description: 'repainted the left wing', tool: 'Krita', at: null }],
          evidence: [{ name: 'sketch.kra', sha256: hex64(77), size: 1234 }],
          notes: '',
        },
      }),
    );
  }
  return registry;
}

async function snapshot(registry: Registry) {
  const works = await registry.listWorks();
  const thumbnails = await Promise.all(works.map(async (w) => Array.from(new Uint8Array((await registry.getThumbnail(w.id))?.bytes ?? new ArrayBuffer(0)))));
  return { works, thumbnails, index: (await registry.loadMatchIndex()).packed };
}

async function clear(registry: Registry): Promise<void> {
  await registry.deleteWorks((await registry.listWorks()).map((w) => w.id));
}

function problemOf(input: Uint8Array | string): { problem: RegistryFormatProblem; message: string; path?: string } {
  try {
    parseRegistryFile(input);
  } catch (error) {
    if (error instanceof RegistryFormatError) return { problem: error.problem, message: error.message, path: error.path };
    throw error;
  }
  throw new Error('parsed without complaint');
}

describe('registry export and import', () => {
  for (const zip of [false, true]) {
    it(`export → clear → import gives an identical registry (${zip ? 'zip' : 'JSON'})`, async () => {
      const registry = await filledRegistry();
      const before = await snapshot(registry);
      const file = await exportRegistry(registry, { zip });
      expect(file.fileName).toMatch(zip ? /\.zip$/ : /\.json$/);
      await clear(registry);
      expect(await registry.countWorks()).toBe(0);

      const report = await importRegistry(registry, parseRegistryFile(file.bytes));
      expect(report).toEqual({ added: 3, skipped: 0 });
      expect(await snapshot(registry)).toEqual(before);
    });
  }

  it('writes the documented header and keeps original file names', async () => {
    const registry = await filledRegistry(1);
    const json = JSON.parse(new TextDecoder().decode((await exportRegistry(registry, { thumbnails: false })).bytes));
    expect(json).toMatchObject({ format: REGISTRY_FORMAT, version: 1, engine: ENGINE_VERSION, works: [{ fileName: 'work-0.jpg' }] });
    expect(Number.isNaN(Date.parse(json.exportedAt))).toBe(false);
    expect(json.works[0].thumbnail).toBeUndefined();
    const zipped = unzipSync((await exportRegistry(registry, { zip: true })).bytes);
    expect(Object.keys(zipped).sort()).toEqual(['registry.json', `thumbnails/${json.works[0].id}.jpg`]);
  });

  it('merges by content: importing twice adds nothing and keeps local edits', async () => {
    const registry = await filledRegistry(2);
    const file = await exportRegistry(registry);
    const [first] = await registry.listWorks();
    await registry.updateWork(first.id, { title: 'Edited here' });
    await registry.addWork(newWork(50));

    expect(await importRegistry(registry, parseRegistryFile(file.bytes))).toEqual({ added: 0, skipped: 2 });
    expect(await registry.countWorks()).toBe(3);
    expect((await registry.getWork(first.id))?.title).toBe('Edited here');

    const other = await Registry.open(freshName());
    await other.addWork(newWork(1));
    expect(await importRegistry(other, parseRegistryFile(file.bytes))).toEqual({ added: 1, skipped: 1 });
  });

  it('rejects a truncated file with a message saying so, leaving the registry unchanged', async () => {
    const registry = await filledRegistry(2);
    const before = await snapshot(registry);
    const bytes = (await exportRegistry(await filledRegistry(4))).bytes;
    const cut = bytes.subarray(0, Math.floor(bytes.length * 0.6));
    expect(() => parseRegistryFile(cut)).toThrow(RegistryFormatError);
    expect(problemOf(cut)).toMatchObject({ problem: 'truncated', message: expect.stringMatching(/cut short/) });
    expect(await snapshot(registry)).toEqual(before);

    const zipped = (await exportRegistry(registry, { zip: true })).bytes;
    expect(problemOf(zipped.subarray(0, zipped.length - 40))).toMatchObject({ problem: 'damaged-zip' });
  });

  it('rolls back the whole import when a write fails part-way', async () => {
    const registry = await filledRegistry(1);
    const before = await snapshot(registry);
    const parsed = parseRegistryFile((await exportRegistry(await filledRegistry(5))).bytes);
    // An object IndexedDB cannot store, on the last work only: the first writes must be undone.
    (parsed.works[4].work.authorship as unknown as { notes: unknown }).notes = () => 0;
    await expect(importRegistry(registry, parsed)).rejects.toThrow();
    expect(await snapshot(registry)).toEqual(before);
  });

  it('rejects wrong, newer and malformed files with specific messages', async () => {
    const good = JSON.parse(new TextDecoder().decode(encodeRegistry([{ work: (await (await filledRegistry(1)).listWorks())[0] }])));
    const variant = (change: (file: typeof good) => void) => {
      const copy = structuredClone(good);
      change(copy);
      return JSON.stringify(copy);
    };
    expect(problemOf(new Uint8Array())).toMatchObject({ problem: 'empty' });
    expect(problemOf('{"hello": 1}')).toMatchObject({ problem: 'wrong-format', message: expect.stringMatching(/not a Reuse Radar registry/) });
    expect(problemOf('[1,2]')).toMatchObject({ problem: 'wrong-format' });
    expect(problemOf('hello')).toMatchObject({ problem: 'not-json' });
    expect(problemOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0x80, 0x81]))).toMatchObject({ problem: 'not-text' });
    expect(problemOf(zipSync({ 'other.txt': strToU8('x') }))).toMatchObject({ problem: 'wrong-format', message: expect.stringMatching(/registry\.json/) });
    expect(problemOf(variant((f) => (f.version = 2)))).toMatchObject({
      problem: 'newer-version',
      message: expect.stringMatching(/newer Reuse Radar \(format version 2\).*Update/),
    });
    expect(problemOf(variant((f) => (f.works[0].fingerprint.engine = 'rr-0')))).toMatchObject({ problem: 'other-engine', path: 'works[0].fingerprint.engine' });
    expect(problemOf(variant((f) => (f.works[0].fingerprint.views = f.works[0].fingerprint.views.slice(0, -4))))).toMatchObject({
      path: 'works[0].fingerprint.views', message: expect.stringMatching(/whole views of 64 bytes/),
    });
    expect(problemOf(variant((f) => (f.works[0].fingerprint.views = ['AAAA'])))).toMatchObject({ path: 'works[0].fingerprint.views', message: expect.stringMatching(/must be text/) });
    expect(problemOf(variant((f) => (f.works[0].digest = 'abc')))).toMatchObject({ problem: 'invalid', path: 'works[0].digest', message: expect.stringMatching(/^works\[0\]\.digest must be 64/) });
    expect(problemOf(variant((f) => (f.works[0].id = 'w-0000000000000000')))).toMatchObject({ path: 'works[0].id' });
    expect(problemOf(variant((f) => (f.works[0].width = -3)))).toMatchObject({ path: 'works[0].width' });
    expect(problemOf(variant((f) => (f.works[0].publicationUrls = ['javascript:alert(1)'])))).toMatchObject({ path: 'works[0].publicationUrls[0]' });
    expect(problemOf(variant((f) => (f.works[0].authorship.evidence[0].sha256 = 'nope')))).toMatchObject({ path: 'works[0].authorship.evidence[0].sha256' });
    expect(problemOf(variant((f) => (f.works[0].thumbnail = { type: 'image/jpeg', data: '***' })))).toMatchObject({ path: 'works[0].thumbnail.data' });
    expect(problemOf(variant((f) => (f.works[0].thumbnail = { type: 'image/jpeg', path: 'thumbnails/x.jpg' })))).toMatchObject({ path: 'works[0].thumbnail.path' });
    expect(problemOf(variant((f) => f.works.push(structuredClone(f.works[0]))))).toMatchObject({ path: 'works[1].digest', message: expect.stringMatching(/repeats/) });
    expect(problemOf(variant((f) => delete f.works))).toMatchObject({ path: 'works' });
  });

  it('adds a ZIP64 end record that zip readers follow (needed past 65,535 thumbnails)', async () => {
    const registry = await filledRegistry(2);
    const plain = (await exportRegistry(registry, { zip: true })).bytes;
    const zip64 = withZip64End(plain, 3);
    expect(zip64.length).toBe(plain.length + 76);
    expect(Object.keys(unzipSync(zip64)).sort()).toEqual(Object.keys(unzipSync(plain)).sort());
    expect(parseRegistryFile(zip64).works.every((entry) => entry.thumbnail)).toBe(true);
  });

  it('fills defaults for optional fields of hand-written files', () => {
    const parsed = parseRegistryFile(
      JSON.stringify({
        format: REGISTRY_FORMAT,
        version: 1,
        exportedAt: '2026-02-01T00:00:00Z',
        engine: ENGINE_VERSION,
        works: [
          { digest: hex64(5), title: 'Hand', fileName: 'hand.png', width: 10, height: 20, fingerprint: { engine: ENGINE_VERSION, views: bytesToBase64(fingerprint(5).views) } },
          // Too flat to hash: the engine gives no views, the work is kept all the same.
          { digest: hex64(6), title: 'Flat', fileName: 'flat.png', width: 10, height: 20, fingerprint: { engine: ENGINE_VERSION, views: '' } },
          // Written by engine rr-3, whose views this engine reads.
          { digest: hex64(7), title: 'Old', fileName: 'old.png', width: 10, height: 20, fingerprint: rr3Fingerprint(7) },
        ],
      }),
    );
    expect(parsed.works[0].work).toMatchObject({ addedAt: '2026-02-01T00:00:00Z', creator: '', authorship: { aiGenerated: false }, cmi: { c2pa: false } });
    expect(parsed.works.map((entry) => entry.work.fingerprint)).toEqual([
      fingerprint(5), { engine: ENGINE_VERSION, views: new Uint8Array(0) }, fingerprint(7),
    ]);
  });
});
