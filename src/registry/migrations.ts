import { openDB, type IDBPDatabase, type IDBPTransaction } from 'idb';
import { upgradeFingerprint } from '../match/index.ts';
import { emptyAuthorship, EMPTY_CMI, type RegistryDB } from './schema.ts';

type UpgradeDb = IDBPDatabase<unknown>;
type UpgradeTx = IDBPTransaction<unknown, string[], 'versionchange'>;

/**
 * One schema version. Steps only ever append: the step at index N-1 upgrades version N-1 to N,
 * and a released step is never edited, because browsers out there hold databases it wrote.
 * Each step may read and rewrite records, but only through `tx`: awaiting anything that is not
 * an IndexedDB request would let the upgrade transaction commit half-way.
 */
export interface MigrationStep {
  version: number;
  description: string;
  upgrade(db: UpgradeDb, tx: UpgradeTx): Promise<void>;
}

export const MIGRATIONS: readonly MigrationStep[] = [
  {
    version: 1,
    description: 'works, thumbnails, detections, settings',
    async upgrade(db) {
      const works = db.createObjectStore('works', { keyPath: 'id' });
      works.createIndex('by-digest', 'digest', { unique: true });
      db.createObjectStore('thumbnails', { keyPath: 'workId' });
      const detections = db.createObjectStore('detections', { keyPath: 'id' });
      detections.createIndex('by-work', 'workId');
      detections.createIndex('by-page', 'pageUrl');
      db.createObjectStore('settings');
    },
  },
  {
    version: 2,
    description: 'work metadata, authorship and CMI; grid indexes; fingerprints moved to their own store',
    async upgrade(db, tx) {
      const works = tx.objectStore('works');
      works.createIndex('by-addedAt', 'addedAt');
      works.createIndex('by-title', 'titleKey');
      const fingerprints = db.createObjectStore('fingerprints', { keyPath: 'id' });
      for (let cursor = await works.openCursor(); cursor; cursor = await cursor.continue()) {
        const old = { ...(cursor.value as { id: string; title: string; fingerprint?: unknown }) };
        await fingerprints.put({ id: old.id, fingerprint: old.fingerprint });
        delete old.fingerprint;
        await cursor.update({
          creator: '',
          createdAt: null,
          publicationUrls: [],
          licence: '',
          authorship: emptyAuthorship(),
          cmi: { ...EMPTY_CMI },
          ...old,
          titleKey: old.title.toLocaleLowerCase(),
        });
      }
    },
  },
  {
    version: 3,
    description: 'case status on detections; page screenshots store',
    async upgrade(db, tx) {
      const screenshots = db.createObjectStore('screenshots', { keyPath: 'id' });
      screenshots.createIndex('by-detection', 'detectionId');
      const detections = tx.objectStore('detections');
      for (let cursor = await detections.openCursor(); cursor; cursor = await cursor.continue()) {
        const old = cursor.value as { firstSeen: string };
        await cursor.update({ status: 'new', updatedAt: old.firstSeen, sent: [], history: [], ...old });
      }
    },
  },
  {
    version: 4,
    description: 'fingerprint views packed into one byte array per work',
    async upgrade(_db, tx) {
      const fingerprints = tx.objectStore('fingerprints');
      for (let cursor = await fingerprints.openCursor(); cursor; cursor = await cursor.continue()) {
        const old = cursor.value as { id: string; fingerprint: { engine: string; views: unknown } };
        // A fingerprint the engine cannot bring forward stays as it was: the work is kept and
        // never matches until its image is registered again (isCurrentFingerprint says so).
        const fingerprint = upgradeFingerprint(old.fingerprint);
        if (fingerprint) await cursor.update({ ...old, fingerprint });
      }
    },
  },
  {
    version: 5,
    description: 'index snapshot: the match index in one record, for the background (src/registry/index-snapshot.ts)',
    async upgrade(db) {
      db.createObjectStore('index-snapshot');
    },
  },
];

export const DB_VERSION = MIGRATIONS.length;

/**
 * Opens (creating or upgrading) the registry database at `version`, running every step above
 * the stored version in order inside the one upgrade transaction: an upgrade that fails part-way
 * leaves the database at its old version with its old records.
 */
export async function openRegistryDb(name: string, version = DB_VERSION, onBlocking?: () => void): Promise<IDBPDatabase<RegistryDB>> {
  let failure: unknown;
  try {
    const db = await openDB<unknown>(name, version, {
      upgrade(db, oldVersion, _newVersion, tx) {
        // A failed step aborts the upgrade and openDB rejects with `failure`; idb's own `done`
        // promise for this transaction would otherwise reject unobserved.
        tx.done.catch(() => undefined);
        (async () => {
          for (const step of MIGRATIONS.slice(oldVersion, version)) await step.upgrade(db, tx);
        })().catch((error: unknown) => {
          failure = error;
          tx.abort();
        });
      },
      blocking: onBlocking,
    });
    return db as unknown as IDBPDatabase<RegistryDB>;
  } catch (error) {
    throw failure ?? error;
  }
}
