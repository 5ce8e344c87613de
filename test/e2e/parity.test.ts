import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/image.ts';
import { fingerprintQuery, fingerprintWork, MatchIndex, type WorkFingerprint } from '../../src/match/index.ts';
import { decodeFile } from '../../src/node/decode.ts';
import { workIdFor } from '../../src/registry/work.ts';
import { BROWSER_KINDS } from './harness/browsers.ts';
import { until } from './harness/extension.ts';
import { useBrowser } from './harness/session.ts';

const FIXTURES = resolve(import.meta.dirname, '../fixtures/match');
const files = readdirSync(FIXTURES).filter((name) => name.endsWith('.jpg')).map((name) => join(FIXTURES, name));

/** What the CLI computes for each fixture: its work id, its registered fingerprint and its query. */
async function nodeSide() {
  return Promise.all(
    files.map(async (path) => {
      const image = await decodeFile(path);
      return { path, id: workIdFor(await sha256Hex(readFileSync(path))), work: fingerprintWork(image), query: fingerprintQuery(image) };
    }),
  );
}

const matchedIds = (index: MatchIndex, query: ReturnType<typeof fingerprintQuery>) => index.match(query).map((match) => match.workId);

/**
 * A work registered in Chromium or Firefox and the same file checked by the CLI
 * must give the same match results, although each decodes and resamples the file its own way.
 */
for (const kind of BROWSER_KINDS) {
  describe(`${kind}: hashes agree with the CLI`, () => {
    const session = useBrowser(kind);

    it('matches the same works for the same files as the CLI does', async () => {
      const { browser } = session();
      const options = await browser.newPage();
      await options.goto(browser.extensionUrl('options/index.html'));
      // The page listens for files only once it has opened the registry.
      await options.waitFor('body[data-ready="true"]', { state: 'attached' });
      await options.setInputFiles('input[type="file"][name="add-works"]', files);
      await until(options, () => document.querySelector('#register-status')?.getAttribute('data-state') === 'done', 'registration to finish');
      const registered = await options.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((done, fail) => {
          const request = indexedDB.open('reuse-radar');
          request.onsuccess = () => done(request.result);
          request.onerror = () => fail(request.error);
        });
        const entries = await new Promise<{ id: string; fingerprint: WorkFingerprint }[]>((done, fail) => {
          const request = db.transaction('fingerprints').objectStore('fingerprints').getAll();
          request.onsuccess = () => done(request.result);
          request.onerror = () => fail(request.error);
        });
        db.close();
        // Byte arrays do not survive the trip back to Node as such in every driver: send numbers.
        return entries.map(({ id, fingerprint }) => ({ id, engine: fingerprint.engine, views: Array.from(fingerprint.views) }));
      });

      const node = await nodeSide();
      const inBrowser = MatchIndex.of(registered.map(({ id, engine, views }) => ({ id, fingerprint: { engine, views: Uint8Array.from(views) } })));
      const inNode = MatchIndex.of(node.map(({ id, work }) => ({ id, fingerprint: work })));

      expect(registered.map((entry) => entry.id).sort()).toEqual(node.map((entry) => entry.id).sort());
      for (const { path, id, query } of node) {
        // The CLI's query of each file finds the work the browser registered from it, and only that.
        expect(matchedIds(inBrowser, query), path).toEqual([id]);
        expect(matchedIds(inBrowser, query)).toEqual(matchedIds(inNode, query));
      }
      await options.close();
    });
  });
}
