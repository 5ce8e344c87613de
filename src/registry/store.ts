import { openDB, type IDBPDatabase } from 'idb';
import type { WorkFingerprint } from '../match/index.ts';
import { DB_NAME, type Claimant, type Detection, type RegistryDB, type Settings, type Thumbnail, type Work } from './schema.ts';

export const DB_VERSION = 1;

export interface NewWork {
  title: string;
  fileName: string;
  digest: string;
  width: number;
  height: number;
  fingerprint: WorkFingerprint;
  thumbnail: { type: string; bytes: ArrayBuffer };
}

export type NewDetection = Omit<Detection, 'id' | 'firstSeen'>;

export const EMPTY_CLAIMANT: Claimant = { name: '', address: '', email: '', phone: '', signature: '' };

export function workIdFor(digest: string): string {
  return `w-${digest.slice(0, 16)}`;
}

/** The creator's registry in IndexedDB: works, their thumbnails, detections and settings. */
export class Registry {
  private constructor(private readonly db: IDBPDatabase<RegistryDB>) {}

  static async open(name = DB_NAME): Promise<Registry> {
    const db = await openDB<RegistryDB>(name, DB_VERSION, {
      upgrade(db) {
        const works = db.createObjectStore('works', { keyPath: 'id' });
        works.createIndex('by-digest', 'digest', { unique: true });
        db.createObjectStore('thumbnails', { keyPath: 'workId' });
        const detections = db.createObjectStore('detections', { keyPath: 'id' });
        detections.createIndex('by-work', 'workId');
        detections.createIndex('by-page', 'pageUrl');
        db.createObjectStore('settings');
      },
    });
    return new Registry(db);
  }

  close(): void {
    this.db.close();
  }

  /** Adds a work unless one with the same content is registered already; returns the stored one. */
  async addWork(input: NewWork): Promise<{ work: Work; added: boolean }> {
    const tx = this.db.transaction(['works', 'thumbnails'], 'readwrite');
    const existing = await tx.objectStore('works').index('by-digest').get(input.digest);
    if (existing) {
      await tx.done;
      return { work: existing, added: false };
    }
    const { thumbnail, ...fields } = input;
    const work: Work = { ...fields, id: workIdFor(input.digest), addedAt: new Date().toISOString() };
    await tx.objectStore('works').add(work);
    await tx.objectStore('thumbnails').put({ workId: work.id, ...thumbnail });
    await tx.done;
    return { work, added: true };
  }

  listWorks(): Promise<Work[]> {
    return this.db.getAll('works');
  }

  getWork(id: string): Promise<Work | undefined> {
    return this.db.get('works', id);
  }

  getThumbnail(workId: string): Promise<Thumbnail | undefined> {
    return this.db.get('thumbnails', workId);
  }

  async deleteWork(id: string): Promise<void> {
    const tx = this.db.transaction(['works', 'thumbnails'], 'readwrite');
    await Promise.all([tx.objectStore('works').delete(id), tx.objectStore('thumbnails').delete(id), tx.done]);
  }

  /** Records a detection once per work, image and page; returns the stored one. */
  async addDetection(input: NewDetection): Promise<Detection> {
    const id = `${input.workId}|${input.imageUrl}|${input.pageUrl}`;
    const tx = this.db.transaction('detections', 'readwrite');
    const existing = await tx.store.get(id);
    const detection = existing ?? { ...input, id, firstSeen: new Date().toISOString() };
    if (!existing) await tx.store.add(detection);
    await tx.done;
    return detection;
  }

  detectionsOnPage(pageUrl: string): Promise<Detection[]> {
    return this.db.getAllFromIndex('detections', 'by-page', pageUrl);
  }

  async getSettings(): Promise<Settings> {
    const claimant = (await this.db.get('settings', 'claimant')) as Claimant | undefined;
    return { claimant: { ...EMPTY_CLAIMANT, ...claimant } };
  }

  async saveClaimant(claimant: Claimant): Promise<void> {
    await this.db.put('settings', claimant, 'claimant');
  }
}
