import type { IDBPDatabase } from 'idb';
import { openRegistryDb } from './migrations.ts';
import {
  DB_NAME,
  type CaseFields,
  type Claimant,
  type Detection,
  type RegistryDB,
  type Screenshot,
  type Settings,
  type Thumbnail,
  type Work,
  type WorkSummary,
} from './schema.ts';
import { createWork, joinWork, summaryOf, toStored, workIdFor, type WorkInput, type WorkPatch } from './work.ts';
import { MatchIndex } from '../match/index.ts';
import { fromSnapshot, SNAPSHOT_KEY, toSnapshot } from './index-snapshot.ts';

/** The stores a change of fingerprints writes: the snapshot goes with every such change. */
const FINGERPRINT_WRITE = ['works', 'fingerprints', 'thumbnails', 'index-snapshot'] as const;

export { DB_VERSION } from './migrations.ts';
export { workIdFor, type WorkPatch } from './work.ts';

export interface NewWork extends WorkInput {
  thumbnail: { type: string; bytes: ArrayBuffer };
}

/** What a content script saw; the case fields start at status 'new'. */
export type NewDetection = Pick<Detection, 'workId' | 'imageUrl' | 'pageUrl' | 'pageTitle' | 'site' | 'distance'>;



/** A deleted work with what `restoreWorks` needs to put it back (undo). */
export interface RemovedWork {
  work: Work;
  thumbnail?: Thumbnail;
}

/** A work arriving from an export file: its stored fields as they were, thumbnail optional. */
export interface ImportedWork {
  work: Work;
  thumbnail?: { type: string; bytes: ArrayBuffer };
}

export interface WorkQuery {
  /** Default 'addedAt'. Title order ignores case. */
  sort?: 'addedAt' | 'title';
  /** Default 'desc' (newest first) for addedAt, 'asc' for title. */
  direction?: 'asc' | 'desc';
  offset?: number;
  /** Default 50. */
  limit?: number;
  /** Case-insensitive substring of title, file name or creator; empty means all works. */
  search?: string;
  /** Keeps only the works it returns true for (the grid's "AI-generated", "has CMI", …); reads every work's metadata, as a search does. */
  filter?: (work: WorkSummary) => boolean;
}

export interface WorkPage {
  works: WorkSummary[];
  /** Works matching the query in all, for the grid's pager. */
  total: number;
}

const CASE_KEYS: readonly (keyof CaseFields)[] = ['status', 'updatedAt', 'allowance', 'templateId', 'sent', 'resolution', 'dismissReason', 'history'];

/** What a search matches: a case-insensitive substring of the title, file name or creator (all works for ''). */
export function matchesSearch(work: Pick<WorkSummary, 'title' | 'fileName' | 'creator'>, search: string): boolean {
  const needle = search.trim().toLocaleLowerCase();
  return !needle || [work.title, work.fileName, work.creator].some((field) => field.toLocaleLowerCase().includes(needle));
}

export const EMPTY_CLAIMANT: Claimant = { name: '', address: '', email: '', phone: '', signature: '' };

/**
 * Runs `body` in `tx` and waits for the commit. A request that throws synchronously (say, a value
 * that cannot be cloned) does not abort a transaction by itself: abort it here, so writes queued
 * before it are undone too.
 */
async function atomically<T>(tx: { done: Promise<void>; abort(): void }, body: () => Promise<T>): Promise<T> {
  try {
    const [result] = await Promise.all([body(), tx.done]);
    return result;
  } catch (error) {
    try {
      tx.abort();
    } catch {
      // Already aborted or finished: nothing left to undo.
    }
    throw error;
  }
}

const BATCH = 500;

/**
 * Runs `write` for every item, BATCH at a time, inside the caller's transaction. Queuing a
 * hundred thousand requests at once costs memory in browsers and quadratic time in
 * fake-indexeddb; awaiting request promises between batches keeps the transaction open.
 */
async function inBatches<T>(items: readonly T[], write: (item: T) => Promise<unknown>): Promise<void> {
  // `async` turns a synchronous throw (IndexedDB's DataCloneError) into a rejection, so the batch's
  // other requests, which reject when the transaction aborts, are still awaited by Promise.all.
  for (let start = 0; start < items.length; start += BATCH) await Promise.all(items.slice(start, start + BATCH).map(async (item) => write(item)));
}

/** The creator's registry in IndexedDB: works, their fingerprints and thumbnails, detections and settings. */
export class Registry {
  private constructor(private readonly db: IDBPDatabase<RegistryDB>) {}

  /**
   * Opens the registry, upgrading an older database in place. When a newer version of the
   * extension opens it elsewhere, this connection closes so the upgrade is not blocked.
   */
  static async open(name = DB_NAME): Promise<Registry> {
    const db: IDBPDatabase<RegistryDB> = await openRegistryDb(name, undefined, () => db.close());
    return new Registry(db);
  }

  close(): void {
    this.db.close();
  }

  /** Adds a work unless one with the same content is registered already; returns the stored one. */
  async addWork(input: NewWork): Promise<{ work: Work; added: boolean }> {
    const tx = this.db.transaction(FINGERPRINT_WRITE, 'readwrite');
    const existing = await tx.objectStore('works').index('by-digest').get(input.digest);
    if (existing) {
      const entry = await tx.objectStore('fingerprints').get(existing.id);
      await tx.done;
      return { work: joinWork(existing, entry!.fingerprint), added: false };
    }
    const { thumbnail, ...fields } = input;
    const work = createWork(fields);
    await atomically(tx, () =>
      Promise.all([
        tx.objectStore('works').add(toStored(work)),
        tx.objectStore('fingerprints').put({ id: work.id, fingerprint: work.fingerprint }),
        tx.objectStore('thumbnails').put({ workId: work.id, ...thumbnail }),
        tx.objectStore('index-snapshot').delete(SNAPSHOT_KEY),
      ]),
    );
    return { work, added: true };
  }

  /** Every work with its fingerprint (what an export writes). */
  async listWorks(): Promise<Work[]> {
    const tx = this.db.transaction(['works', 'fingerprints']);
    const [works, entries] = await Promise.all([tx.objectStore('works').getAll(), tx.objectStore('fingerprints').getAll()]);
    const fingerprints = new Map(entries.map((entry) => [entry.id, entry.fingerprint]));
    return works.map((stored) => joinWork(stored, fingerprints.get(stored.id)!));
  }

  async getWork(id: string): Promise<Work | undefined> {
    const tx = this.db.transaction(['works', 'fingerprints']);
    const [stored, entry] = await Promise.all([tx.objectStore('works').get(id), tx.objectStore('fingerprints').get(id)]);
    return stored && entry && joinWork(stored, entry.fingerprint);
  }

  countWorks(): Promise<number> {
    return this.db.count('works');
  }

  /**
   * One page of the management grid. Without a search, only index keys are read up to the page,
   * then the page's records; a search reads every work's metadata (never its fingerprint).
   */
  async pageWorks({ sort = 'addedAt', direction, offset = 0, limit = 50, search = '', filter }: WorkQuery = {}): Promise<WorkPage> {
    const ascending = (direction ?? (sort === 'title' ? 'asc' : 'desc')) === 'asc';
    const tx = this.db.transaction('works');
    const index = tx.store.index(sort === 'title' ? 'by-title' : 'by-addedAt');
    const needle = search.trim().toLocaleLowerCase();
    if (!needle && !filter) {
      const total = await index.count();
      // IndexedDB reads ranges in ascending order only: a descending page is an ascending slice, reversed.
      const end = ascending ? offset + limit : total - offset;
      const start = Math.max(0, ascending ? offset : total - offset - limit);
      if (end <= start) return { works: [], total };
      const ids = (await index.getAllKeys(null, end)).slice(start);
      if (!ascending) ids.reverse();
      const records = await Promise.all(ids.map((id) => tx.store.get(id)));
      return { works: records.filter((record) => record !== undefined).map(summaryOf), total };
    }
    const all = await index.getAll();
    if (!ascending) all.reverse();
    const found = all.map(summaryOf).filter((work) => matchesSearch(work, needle) && (!filter || filter(work)));
    return { works: found.slice(offset, offset + limit), total: found.length };
  }

  /**
   * The ids of all works in the grid's order, read from index keys alone. A virtualised grid reads
   * them once per change and then fetches only the works in view (`getWorkSummaries`): with
   * 100,000 works that is one key scan, where paging by offset scans keys for every page.
   */
  async workIds({ sort = 'addedAt', direction }: Pick<WorkQuery, 'sort' | 'direction'> = {}): Promise<string[]> {
    const ascending = (direction ?? (sort === 'title' ? 'asc' : 'desc')) === 'asc';
    const ids = await this.db.transaction('works').store.index(sort === 'title' ? 'by-title' : 'by-addedAt').getAllKeys();
    return ascending ? ids : ids.reverse();
  }

  /** The works with these ids, in this order and without fingerprints; ids not registered are left out. */
  async getWorkSummaries(ids: readonly string[]): Promise<WorkSummary[]> {
    const store = this.db.transaction('works').store;
    const records = await Promise.all(ids.map((id) => store.get(id)));
    return records.filter((record) => record !== undefined).map(summaryOf);
  }

  /** Changes the creator-editable fields of a work; returns the updated work. */
  async updateWork(id: string, patch: WorkPatch): Promise<Work> {
    const tx = this.db.transaction(['works', 'fingerprints'], 'readwrite');
    const [stored, entry] = await Promise.all([tx.objectStore('works').get(id), tx.objectStore('fingerprints').get(id)]);
    if (!stored || !entry) throw new Error(`No registered work has id ${id}.`);
    const work: Work = { ...joinWork(stored, entry.fingerprint), ...patch, id: stored.id };
    await atomically(tx, () => tx.objectStore('works').put(toStored(work)));
    return work;
  }

  getThumbnail(workId: string): Promise<Thumbnail | undefined> {
    return this.db.get('thumbnails', workId);
  }

  listThumbnails(): Promise<Thumbnail[]> {
    return this.db.getAll('thumbnails');
  }

  /**
   * The match index of every work, read without touching metadata: from the index snapshot, which
   * this writes when a change has removed it.
   */
  async loadMatchIndex(): Promise<MatchIndex> {
    const snapshot = await this.db.get('index-snapshot', SNAPSHOT_KEY);
    if (snapshot) {
      try {
        const index = await fromSnapshot(snapshot);
        if (index) return index;
      } catch {
        // Its Blob unreadable (a damaged profile) or not what it lists: made again below.
      }
    }
    // One read-write transaction: no change to the fingerprints can fall between reading them and
    // writing their snapshot.
    const tx = this.db.transaction(['fingerprints', 'index-snapshot'], 'readwrite');
    const index = MatchIndex.of(await tx.objectStore('fingerprints').getAll());
    // Not awaited: the index is ready now. A failed write costs the next load time, nothing else.
    tx.objectStore('index-snapshot').put(toSnapshot(index), SNAPSHOT_KEY).catch(() => undefined);
    tx.done.catch(() => undefined);
    return index;
  }

  async deleteWork(id: string): Promise<void> {
    await this.deleteWorks([id]);
  }

  /**
   * Deletes works in one transaction and returns them, thumbnails included, so the caller can
   * offer undo through `restoreWorks`. Ids not registered are ignored. Detections are kept:
   * they are the record of copies already found.
   */
  async deleteWorks(ids: Iterable<string>): Promise<RemovedWork[]> {
    const tx = this.db.transaction(FINGERPRINT_WRITE, 'readwrite');
    const works = tx.objectStore('works');
    const fingerprints = tx.objectStore('fingerprints');
    const thumbnails = tx.objectStore('thumbnails');
    const removed: RemovedWork[] = [];
    await atomically(tx, async () => {
      await tx.objectStore('index-snapshot').delete(SNAPSHOT_KEY);
      await inBatches([...new Set(ids)], async (id) => {
        const [stored, entry, thumbnail] = await Promise.all([works.get(id), fingerprints.get(id), thumbnails.get(id)]);
        if (!stored || !entry) return;
        await Promise.all([works.delete(id), fingerprints.delete(id), thumbnails.delete(id)]);
        const work = joinWork(stored, entry.fingerprint);
        removed.push(thumbnail ? { work, thumbnail } : { work });
      });
    });
    return removed;
  }

  /** Puts back works removed by `deleteWorks`, exactly as they were. */
  async restoreWorks(removed: readonly RemovedWork[]): Promise<void> {
    const tx = this.db.transaction(FINGERPRINT_WRITE, 'readwrite');
    await atomically(tx, async () => {
      await tx.objectStore('index-snapshot').delete(SNAPSHOT_KEY);
      await inBatches(removed, ({ work, thumbnail }) =>
        Promise.all([
          tx.objectStore('works').put(toStored(work)),
          tx.objectStore('fingerprints').put({ id: work.id, fingerprint: work.fingerprint }),
          thumbnail && tx.objectStore('thumbnails').put(thumbnail),
        ]),
      );
    });
  }

  /**
   * Adds the works whose content is not registered yet, all in one transaction: if anything
   * fails, nothing is written. Works already registered keep their stored metadata.
   */
  async importWorks(entries: readonly ImportedWork[]): Promise<{ added: number; skipped: number }> {
    const tx = this.db.transaction(FINGERPRINT_WRITE, 'readwrite');
    return atomically(tx, async () => {
      await tx.objectStore('index-snapshot').delete(SNAPSHOT_KEY);
      const works = tx.objectStore('works');
      // Ids are derived from digests, so reading keys alone finds the duplicates.
      const known = new Set(await works.getAllKeys());
      const fresh = entries.filter(({ work }) => {
        const id = workIdFor(work.digest);
        if (known.has(id)) return false;
        known.add(id);
        return true;
      });
      await inBatches(fresh, ({ work, thumbnail }) => {
        const id = workIdFor(work.digest);
        return Promise.all([
          works.add(toStored({ ...work, id })),
          tx.objectStore('fingerprints').put({ id, fingerprint: work.fingerprint }),
          thumbnail && tx.objectStore('thumbnails').put({ workId: id, ...thumbnail }),
        ]);
      });
      return { added: fresh.length, skipped: entries.length - fresh.length };
    });
  }

  /** Records a detection once per work, image and page; returns the stored one and whether it is new. */
  async addDetection(input: NewDetection): Promise<{ detection: Detection; added: boolean }> {
    const id = `${input.workId}|${input.imageUrl}|${input.pageUrl}`;
    const tx = this.db.transaction('detections', 'readwrite');
    const existing = await tx.store.get(id);
    const now = new Date().toISOString();
    const detection: Detection = existing ?? { ...input, id, firstSeen: now, status: 'new', updatedAt: now, sent: [], history: [] };
    if (!existing) await tx.store.add(detection);
    await tx.done;
    return { detection, added: !existing };
  }

  getDetection(id: string): Promise<Detection | undefined> {
    return this.db.get('detections', id);
  }

  detectionsOnPage(pageUrl: string): Promise<Detection[]> {
    return this.db.getAllFromIndex('detections', 'by-page', pageUrl);
  }

  listDetections(): Promise<Detection[]> {
    return this.db.getAll('detections');
  }

  /**
   * Stores a detection's case as moved by `transition` (src/notice/cases.ts): only the case fields
   * are taken from `fields` (a whole `Case` may be passed); the found fields stay as they were.
   */
  async saveCase(id: string, fields: CaseFields): Promise<Detection> {
    const tx = this.db.transaction('detections', 'readwrite');
    const stored = await tx.store.get(id);
    if (!stored) throw new Error(`No detection has id ${id}.`);
    // Fields a transition dropped (an allowance on reopening) must go from the stored record too.
    const found: Partial<Detection> = { ...stored };
    for (const key of CASE_KEYS) delete found[key];
    const detection = { ...found, ...Object.fromEntries(CASE_KEYS.filter((key) => fields[key] !== undefined).map((key) => [key, fields[key]])), id } as Detection;
    await atomically(tx, () => tx.store.put(detection));
    return detection;
  }

  /** Stores a page screenshot and points the detection at it, replacing any earlier one. */
  async addScreenshot(detectionId: string, image: { type: string; bytes: ArrayBuffer }, capturedAt = new Date().toISOString()): Promise<Screenshot> {
    const tx = this.db.transaction(['detections', 'screenshots'], 'readwrite');
    const detections = tx.objectStore('detections');
    const screenshots = tx.objectStore('screenshots');
    const detection = await detections.get(detectionId);
    if (!detection) throw new Error(`No detection has id ${detectionId}.`);
    const screenshot: Screenshot = { id: `${detectionId}|${capturedAt}`, detectionId, capturedAt, ...image };
    await atomically(tx, async () => {
      if (detection.screenshotId) await screenshots.delete(detection.screenshotId);
      await screenshots.put(screenshot);
      await detections.put({ ...detection, screenshotId: screenshot.id });
    });
    return screenshot;
  }

  getScreenshot(id: string): Promise<Screenshot | undefined> {
    return this.db.get('screenshots', id);
  }

  async getSettings(): Promise<Settings> {
    const claimant = (await this.db.get('settings', 'claimant')) as Claimant | undefined;
    return { claimant: { ...EMPTY_CLAIMANT, ...claimant }, screenshotAtDetection: (await this.db.get('settings', 'screenshotAtDetection')) === true };
  }

  async saveScreenshotAtDetection(on: boolean): Promise<void> {
    await this.db.put('settings', on, 'screenshotAtDetection');
  }

  async saveClaimant(claimant: Claimant): Promise<void> {
    await this.db.put('settings', claimant, 'claimant');
  }
}
