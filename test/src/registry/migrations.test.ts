import { describe, expect, it } from 'vitest';
import type { IDBPDatabase } from 'idb';
import { DB_VERSION, MIGRATIONS, openRegistryDb } from '../../../src/registry/migrations.ts';
import { Registry } from '../../../src/registry/store.ts';
import { MatchIndex } from '../../../src/match/index.ts';
import { emptyAuthorship } from '../../../src/registry/schema.ts';
import { fingerprint, freshName, hex64, rr3Fingerprint } from './helpers.ts';

/**
 * Records exactly as each released version wrote them, frozen here: the current types may move
 * on, these may not. Every version below DB_VERSION needs a writer.
 */
const WRITERS: Record<number, (db: IDBPDatabase<unknown>) => Promise<void>> = {
  1: async (db) => {
    const tx = db.transaction(['works', 'thumbnails', 'detections', 'settings'], 'readwrite');
    for (const n of [1, 2]) {
      await tx.objectStore('works').add({
        id: `w-${hex64(n).slice(0, 16)}`,
        title: n === 1 ? 'Dragon' : 'apple orchard',
        fileName: `v1-${n}.png`,
        digest: hex64(n),
        width: 640,
        height: 480,
        fingerprint: rr3Fingerprint(n),
        addedAt: `2026-01-0${n}T00:00:00.000Z`,
      });
      await tx.objectStore('thumbnails').add({ workId: `w-${hex64(n).slice(0, 16)}`, type: 'image/webp', bytes: new Uint8Array([n]).buffer });
    }
    await tx.objectStore('detections').add({
      id: 'd1', workId: `w-${hex64(1).slice(0, 16)}`, imageUrl: 'https://cdn.example/1.jpg', pageUrl: 'https://social.example/p',
      pageTitle: 'Post', site: 'example', distance: 4, firstSeen: '2026-01-03T00:00:00.000Z',
    });
    await tx.objectStore('settings').put({ name: 'Ada', address: 'A', email: 'a@example.org', phone: '', signature: 'Ada' }, 'claimant');
    await tx.done;
  },
  2: async (db) => {
    const tx = db.transaction(['works', 'fingerprints', 'thumbnails', 'detections', 'settings'], 'readwrite');
    for (const n of [1, 2]) {
      const id = `w-${hex64(n).slice(0, 16)}`;
      const title = n === 1 ? 'Dragon' : 'apple orchard';
      await tx.objectStore('works').add({
        id, title, titleKey: title.toLocaleLowerCase(), fileName: `v1-${n}.png`, digest: hex64(n), width: 640, height: 480,
        addedAt: `2026-01-0${n}T00:00:00.000Z`, creator: '', createdAt: null, publicationUrls: [],
        licence: '', authorship: emptyAuthorship(), cmi: { c2pa: false },
      });
      await tx.objectStore('fingerprints').add({ id, fingerprint: rr3Fingerprint(n) });
      await tx.objectStore('thumbnails').add({ workId: id, type: 'image/webp', bytes: new Uint8Array([n]).buffer });
    }
    await tx.objectStore('detections').add({
      id: 'd1', workId: `w-${hex64(1).slice(0, 16)}`, imageUrl: 'https://cdn.example/1.jpg', pageUrl: 'https://social.example/p',
      pageTitle: 'Post', site: 'example', distance: 4, firstSeen: '2026-01-03T00:00:00.000Z',
    });
    await tx.objectStore('settings').put({ name: 'Ada', address: 'A', email: 'a@example.org', phone: '', signature: 'Ada' }, 'claimant');
    await tx.done;
  },
  3: async (db) => {
    await WRITERS[2](db);
    const tx = db.transaction(['detections'], 'readwrite');
    const d1 = await tx.objectStore('detections').get('d1');
    await tx.objectStore('detections').put({ ...d1, status: 'new', updatedAt: d1.firstSeen, sent: [], history: [] });
    await tx.done;
  },
  4: async (db) => {
    await WRITERS[3](db);
    const tx = db.transaction(['fingerprints'], 'readwrite');
    for (const n of [1, 2]) await tx.objectStore('fingerprints').put({ id: `w-${hex64(n).slice(0, 16)}`, fingerprint: fingerprint(n) });
    await tx.done;
  },
};

describe('registry migrations', () => {
  it('are ordered steps, one per version', () => {
    expect(MIGRATIONS.map((step) => step.version)).toEqual(Array.from({ length: DB_VERSION }, (_, i) => i + 1));
    for (let version = 1; version < DB_VERSION; version++) expect(WRITERS[version], `writer for v${version}`).toBeDefined();
  });

  for (let from = 1; from < DB_VERSION; from++) {
    it(`upgrade a database written by v${from} to v${DB_VERSION}, keeping every record`, async () => {
      const name = freshName();
      const old = await openRegistryDb(name, from);
      await WRITERS[from](old as unknown as IDBPDatabase<unknown>);
      old.close();

      const registry = await Registry.open(name);
      const works = await registry.listWorks();
      expect(works.map((w) => w.fileName).sort()).toEqual(['v1-1.png', 'v1-2.png']);
      const dragon = works.find((w) => w.title === 'Dragon')!;
      expect(dragon).toMatchObject({
        digest: hex64(1), width: 640, height: 480, fingerprint: fingerprint(1), addedAt: '2026-01-01T00:00:00.000Z',
        creator: '', createdAt: null, publicationUrls: [], licence: '', authorship: emptyAuthorship(), cmi: { c2pa: false },
      });
      expect((await registry.loadMatchIndex()).packed).toEqual(MatchIndex.of(works.sort((a, b) => (a.id < b.id ? -1 : 1))).packed);
      expect((await registry.getThumbnail(dragon.id))?.type).toBe('image/webp');
      // Detections from before case tracking start as new cases, with nothing else changed.
      expect(await registry.detectionsOnPage('https://social.example/p')).toEqual([
        {
          id: 'd1', workId: dragon.id, imageUrl: 'https://cdn.example/1.jpg', pageUrl: 'https://social.example/p',
          pageTitle: 'Post', site: 'example', distance: 4, firstSeen: '2026-01-03T00:00:00.000Z',
          status: 'new', updatedAt: '2026-01-03T00:00:00.000Z', sent: [], history: [],
        },
      ]);
      const shot = await registry.addScreenshot('d1', { type: 'image/png', bytes: new Uint8Array([0x89, 0x50]).buffer });
      expect((await registry.getDetection('d1'))?.screenshotId).toBe(shot.id);
      expect((await registry.getSettings()).claimant.name).toBe('Ada');
      // The new indexes cover the migrated records.
      expect((await registry.pageWorks({ sort: 'title' })).works.map((w) => w.title)).toEqual(['apple orchard', 'Dragon']);
      expect((await registry.pageWorks({ sort: 'addedAt' })).works.map((w) => w.title)).toEqual(['apple orchard', 'Dragon']);
      registry.close();
    });
  }

  it('leave the database at its old version when a step fails', async () => {
    const name = freshName();
    const old = await openRegistryDb(name, 1);
    const tx = old.transaction('works', 'readwrite');
    // A record v1 could never have written: no title, so the v2 step throws on it.
    await tx.objectStore('works').add({ id: 'w-broken', digest: hex64(9) } as never);
    await tx.done;
    old.close();

    await expect(Registry.open(name)).rejects.toThrow();
    const again = await openRegistryDb(name, 1);
    expect(again.version).toBe(1);
    expect(await again.count('works')).toBe(1);
    again.close();
  });
});
