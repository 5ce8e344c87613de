import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/registry/store.ts';
import { freshName, newWork } from './helpers.ts';
import { openRegistryDb } from '../../../src/registry/migrations.ts';
import { createWork } from '../../../src/registry/work.ts';
import { SNAPSHOT_KEY } from '../../../src/registry/index-snapshot.ts';
import { MatchIndex, viewCount } from '../../../src/match/index.ts';

async function registryWith(count: number): Promise<Registry> {
  const registry = await Registry.open(freshName());
  for (let i = 0; i < count; i++) await registry.addWork(newWork(i, { title: `Work ${String.fromCharCode(97 + (i * 7) % 26)}${i}` }));
  return registry;
}

describe('Registry works', () => {
  it('adds a work once per content and keeps its metadata defaults', async () => {
    const registry = await Registry.open(freshName());
    const first = await registry.addWork(newWork(1, { creator: 'Ada', authorship: { aiGenerated: true, seeds: ['42'] } }));
    const again = await registry.addWork(newWork(1, { title: 'Renamed copy' }));
    expect(first.added).toBe(true);
    expect(again).toEqual({ work: first.work, added: false });
    expect(await registry.getWork(first.work.id)).toEqual(first.work);
    expect(first.work.creator).toBe('Ada');
    expect(first.work.authorship).toMatchObject({ aiGenerated: true, seeds: ['42'], prompts: [], candidates: null });
    expect(first.work.cmi).toEqual({ c2pa: false });
    expect((await registry.loadMatchIndex()).packed).toEqual(MatchIndex.of([first.work]).packed);
    expect((await registry.getThumbnail(first.work.id))?.type).toBe('image/jpeg');
  });

  it('updates editable fields, re-sorting by the new title', async () => {
    const registry = await registryWith(3);
    const [work] = await registry.listWorks();
    const updated = await registry.updateWork(work.id, { title: 'aaa first now', licence: 'CC BY-NC 4.0', publicationUrls: ['https://example.org/a'] });
    expect(updated).toMatchObject({ id: work.id, digest: work.digest, title: 'aaa first now', licence: 'CC BY-NC 4.0' });
    expect(await registry.getWork(work.id)).toEqual(updated);
    const page = await registry.pageWorks({ sort: 'title', limit: 1 });
    expect(page.works[0].id).toBe(work.id);
    await expect(registry.updateWork('w-missing', { title: 'x' })).rejects.toThrow(/w-missing/);
  });

  it('pages through works by title (ignoring case) and by date, and searches', async () => {
    const registry = await registryWith(12);
    await new Promise((resolve) => setTimeout(resolve, 5)); // a later addedAt than the others
    await registry.addWork(newWork(100, { title: 'ZEBRA', creator: 'Grace Hopper' }));
    const byTitle = [];
    for (let offset = 0; ; offset += 5) {
      const page = await registry.pageWorks({ sort: 'title', offset, limit: 5 });
      expect(page.total).toBe(13);
      if (page.works.length === 0) break;
      byTitle.push(...page.works.map((w) => w.title));
    }
    const expected = (await registry.listWorks()).map((w) => w.title).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    expect(byTitle).toEqual(expected);
    expect(byTitle.at(-1)).toBe('ZEBRA');

    const newest = await registry.pageWorks({ limit: 1 });
    expect(newest.works[0].title).toBe('ZEBRA');

    const found = await registry.pageWorks({ search: 'hopper' });
    expect(found).toMatchObject({ total: 1, works: [{ title: 'ZEBRA' }] });
    const byFile = await registry.pageWorks({ search: 'WORK-1', sort: 'title', offset: 1, limit: 1 });
    expect(byFile.total).toBe(4); // work-1, work-10, work-11, work-100
    expect(byFile.works).toHaveLength(1);
  });

  it('deletes works in bulk and restores them exactly (undo)', async () => {
    const registry = await registryWith(5);
    const before = await registry.listWorks();
    const ids = before.slice(1, 4).map((w) => w.id);
    const removed = await registry.deleteWorks([...ids, 'w-not-there']);
    expect(removed.map((r) => r.work.id).sort()).toEqual([...ids].sort());
    expect(await registry.countWorks()).toBe(2);
    expect((await registry.loadMatchIndex()).packed.workIds).not.toContain(ids[0]);
    expect(await registry.getThumbnail(ids[0])).toBeUndefined();

    await registry.restoreWorks(removed);
    expect(await registry.listWorks()).toEqual(before);
    expect((await registry.loadMatchIndex()).packed.workIds).toHaveLength(5);
    expect((await registry.getThumbnail(ids[0]))?.bytes.byteLength).toBe(5);
  });

  it('loads the index from one snapshot record that every change of fingerprints replaces', async () => {
    const name = freshName();
    const registry = await Registry.open(name);
    const ids = async () => (await registry.loadMatchIndex()).packed.workIds.slice().sort();
    const snapshotIds = async () => {
      const db = await openRegistryDb(name);
      const snapshot = await db.get('index-snapshot', SNAPSHOT_KEY);
      db.close();
      return snapshot?.workIds.slice().sort();
    };
    const a = (await registry.addWork(newWork(1))).work;
    expect(await snapshotIds()).toBeUndefined();
    expect(await ids()).toEqual([a.id]);
    expect(await snapshotIds()).toEqual([a.id]);

    const b = (await registry.addWork(newWork(2))).work;
    expect(await snapshotIds()).toBeUndefined();
    expect(await ids()).toEqual([a.id, b.id].sort());
    // Served from the snapshot: the index made from the fingerprints.
    expect((await registry.loadMatchIndex()).packed).toEqual(MatchIndex.of([a, b].sort((x, y) => (x.id < y.id ? -1 : 1))).packed);

    const removed = await registry.deleteWorks([a.id]);
    expect(await ids()).toEqual([b.id]);
    await registry.restoreWorks(removed);
    expect(await ids()).toEqual([a.id, b.id].sort());
    const { thumbnail, ...fields } = newWork(3);
    await registry.importWorks([{ work: createWork(fields), thumbnail }]);
    expect(await ids()).toHaveLength(3);
    expect(await snapshotIds()).toHaveLength(3);
    registry.close();
  });

  it('packs the views again when the snapshot is of an earlier format', async () => {
    const name = freshName();
    const registry = await Registry.open(name);
    const { work } = await registry.addWork(newWork(1));
    const db = await openRegistryDb(name);
    // The first snapshot format (schema 5, engine rr-4): the fingerprints' bytes, unpermuted.
    await db.put('index-snapshot', { engine: 'rr-4', ids: [work.id], offsets: new Uint32Array([0, 64]), views: new Uint8Array(64), others: [] } as never, SNAPSHOT_KEY);
    expect((await registry.loadMatchIndex()).packed).toEqual(MatchIndex.of([work]).packed);
    // …and when its arrays are cut short (a damaged profile).
    const snapshot = (await db.get('index-snapshot', SNAPSHOT_KEY))!;
    const size = snapshot.arrays.size;
    expect(snapshot.lengths.slice(0, 4)).toEqual(Array(4).fill(16 * viewCount(work.fingerprint)));
    await db.put('index-snapshot', { ...snapshot, arrays: snapshot.arrays.slice(16) }, SNAPSHOT_KEY);
    expect((await registry.loadMatchIndex()).packed).toEqual(MatchIndex.of([work]).packed);
    expect((await db.get('index-snapshot', SNAPSHOT_KEY))!.arrays.size).toBe(size);
    db.close();
    registry.close();
  });

  it('keeps detections and settings working', async () => {
    const registry = await registryWith(1);
    const [work] = await registry.listWorks();
    const d = { workId: work.id, imageUrl: 'https://cdn.example/x.jpg', pageUrl: 'https://social.example/p/1', pageTitle: 'P', site: 'example', distance: 3 };
    const { detection: first } = await registry.addDetection(d);
    expect(await registry.addDetection(d)).toEqual({ detection: first, added: false });
    expect(await registry.detectionsOnPage(d.pageUrl)).toEqual([first]);
    await registry.saveClaimant({ name: 'Ada', address: 'Street 1', email: 'a@example.org', phone: '', signature: 'Ada' });
    expect((await registry.getSettings()).claimant.name).toBe('Ada');
  });
});
