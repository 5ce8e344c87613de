import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_KINDS, type E2EPage } from './harness/browsers.ts';
import { until } from './harness/extension.ts';
import { screenshotPath, useBrowser } from './harness/session.ts';

/** Works registered through the page: enough to fill more than the grid's first screen. */
const WORK_COUNT = 50;
const SIGNED = 'signed-by-mira';
const ARTIST = 'Mira Okafor';
const COPYRIGHT = 'Copyright 2026 Mira Okafor, all rights reserved';

/** Distinct pictures: a gradient, a disc and a bar that move and change colour with n. */
function picture(n: number): Buffer {
  const hue = ((n + 1) * 53) % 360;
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="480" height="360">
    <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 120) % 360},60%,22%)"/></linearGradient></defs>
    <rect width="480" height="360" fill="url(#g)"/>
    <circle cx="${60 + ((n * 37) % 360)}" cy="${60 + ((n * 23) % 240)}" r="${30 + (n % 40)}" fill="hsl(${(hue + 180) % 360},85%,70%)"/>
    <rect x="${(n * 71) % 400}" y="${(n * 13) % 200}" width="${40 + (n % 60)}" height="140" fill="hsl(${(hue + 250) % 360},50%,35%)"/></svg>`);
}

async function makeWorks(dir: string): Promise<string[]> {
  const paths: string[] = [];
  for (let n = 0; n < WORK_COUNT; n++) {
    const path = join(dir, n === 7 ? `${SIGNED}.jpg` : `work-${String(n).padStart(2, '0')}.jpg`);
    let image = sharp(picture(n));
    // One carries the creator's EXIF, which the detail view must show as found at registration.
    if (n === 7) image = image.withExif({ IFD0: { Artist: ARTIST, Copyright: COPYRIGHT } });
    await writeFile(path, await image.jpeg({ quality: 85 }).toBuffer());
    paths.push(path);
  }
  return paths;
}

/** Everything the registry holds about works, read straight from IndexedDB, as comparable JSON. */
function snapshot(page: E2EPage): Promise<string> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('reuse-radar');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const all = (store: string) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const request = db.transaction(store).objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const hex = async (bytes: ArrayBuffer) =>
      Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)), (b) => b.toString(16).padStart(2, '0')).join('');
    const [works, fingerprints, thumbnails] = await Promise.all([all('works'), all('fingerprints'), all('thumbnails')]);
    db.close();
    const byId = (a: Record<string, unknown>, b: Record<string, unknown>) => String(a.id ?? a.workId).localeCompare(String(b.id ?? b.workId));
    // Keys sorted: an identical registry is the same records, whatever order their fields were written in.
    const sortedKeys = (_key: string, value: unknown) =>
      value && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)))
        : value;
    return JSON.stringify({
      works: works.sort(byId),
      fingerprints: fingerprints.sort(byId),
      thumbnails: await Promise.all(thumbnails.sort(byId).map(async (t) => ({ workId: t.workId, type: t.type, sha256: await hex(t.bytes as ArrayBuffer) }))),
    }, sortedKeys);
  });
}

const workCount = async (page: E2EPage) => (JSON.parse(await snapshot(page)) as { works: unknown[] }).works.length;

async function openOptions(page: E2EPage, url: string): Promise<void> {
  await page.goto(url);
  await page.waitFor('body[data-ready="true"]', { state: 'attached' });
}

/** Sets files on an input and waits until `status` reports one of `states` (its data-state) for them. */
async function setFilesAndWait(page: E2EPage, input: string, files: string[], status: string, states: string): Promise<void> {
  await page.evaluate((selector) => void delete document.querySelector<HTMLElement>(selector)!.dataset.state, status);
  await page.setInputFiles(input, files);
  const deadline = Date.now() + 120_000;
  for (;;) {
    const state = await page.evaluate((selector) => document.querySelector<HTMLElement>(selector)?.dataset.state ?? '', status);
    if (states.split('|').includes(state)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${status} to become ${states}; it says: ${await page.text(status)}`);
    await sleep(250);
  }
}

for (const kind of BROWSER_KINDS) {
  describe(`${kind}: the registry on the options page`, () => {
    const session = useBrowser(kind);
    let dir = '';
    let works: string[] = [];
    const optionsUrl = () => session().browser.extensionUrl('options/index.html');

    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'reuse-radar-registry-e2e-'));
      works = await makeWorks(dir);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it(`registers ${WORK_COUNT} images through the page, keeps them across a restart, and shows a work's authorship record and embedded CMI`, async () => {
      let page = await session().browser.newPage();
      await openOptions(page, optionsUrl());
      await setFilesAndWait(page, 'input[name="add-works"]', works, '#register-status', 'done');
      expect(await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('#register-status')!.dataset }))).toMatchObject({
        added: String(WORK_COUNT),
        known: '0',
        failed: '0',
        // Hashed in the registration workers of the production build, not by the page's fallback.
        mode: 'workers',
      });
      expect(await page.text('#works-count')).toBe(String(WORK_COUNT));

      // The same images again, a corrupt file, a blank picture and a text file: nothing added twice,
      // and each bad one listed with its reason without stopping the batch.
      const broken = join(dir, 'broken.jpg');
      await writeFile(broken, Buffer.from('not really a jpeg'));
      const blank = join(dir, 'blank.png');
      await writeFile(blank, await sharp({ create: { width: 400, height: 300, channels: 3, background: '#88aacc' } }).png().toBuffer());
      const notes = join(dir, 'notes.txt');
      await writeFile(notes, 'not an image');
      await setFilesAndWait(page, 'input[name="add-works"]', [broken, ...works.slice(0, 3), blank, notes], '#register-status', 'done');
      expect(await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('#register-status')!.dataset }))).toMatchObject({ added: '0', known: '3', failed: '3' });
      const failures = await page.evaluate(() => [...document.querySelectorAll('#register-failures li')].map((li) => li.textContent).sort());
      expect(failures).toEqual([
        expect.stringMatching(/^blank\.png: .*too plain/),
        expect.stringMatching(/^broken\.jpg: .*damaged/),
        expect.stringMatching(/^notes\.txt: .*not an image/),
      ]);
      expect(await workCount(page)).toBe(WORK_COUNT);

      // The detail view: the CMI read from the file, and an authorship record written by the creator.
      await page.fill('input[name="search-works"]', SIGNED);
      await until(page, () => document.querySelectorAll('#works [data-work-id]').length === 1, 'the search to leave one work');
      await page.click('#works [data-work-id] [data-action="open"]');
      await page.waitFor('#work-detail[open]');
      expect(await page.text('#detail-cmi')).toContain(ARTIST);
      expect(await page.text('#detail-cmi')).toContain(COPYRIGHT);
      await page.click('input[name="aiGenerated"]');
      await page.click('[data-list="tools"] [data-action="add-row"]');
      await page.fill('[data-list="tools"] li:last-child [data-field="name"]', 'Stable Diffusion XL');
      await page.fill('[data-list="tools"] li:last-child [data-field="version"]', '1.0');
      await page.click('[data-list="prompts"] [data-action="add-row"]');
      await page.fill('[data-list="prompts"] li:last-child [data-field="prompt"]', 'a lighthouse in a storm, oil on canvas');
      await page.fill('[data-list="prompts"] li:last-child [data-field="negativePrompt"]', 'text, watermark');
      await page.fill('textarea[name="seeds"]', '1234567890123456789');
      await page.fill('input[name="candidates"]', '24');
      await page.fill('input[name="chosen"]', 'the third: the light falls right');
      // Process evidence: only the file's name, size and SHA-256 are kept.
      const sketch = join(dir, 'lighthouse-sketch.psd');
      await writeFile(sketch, 'layered sketch');
      await page.setInputFiles('input[name="add-evidence"]', [sketch]);
      await until(page, () => document.querySelector('#evidence-list li')?.textContent?.includes('lighthouse-sketch.psd'), 'the evidence file to be listed');
      const sketchSha = createHash('sha256').update('layered sketch').digest('hex');
      expect(await page.evaluate(() => document.querySelector<HTMLElement>('#evidence-list code')!.title)).toBe(sketchSha);
      await page.click('[data-action="save-work"]');
      await until(page, () => document.querySelector('#detail-status')?.textContent === 'Saved.', 'the work to be saved');
      await page.screenshot(screenshotPath(kind, 'registry-detail'));
      await page.click('.detail-foot [data-action="close-detail"]');
      const before = await snapshot(page);
      await page.close();

      // A restart on the same profile: the registry must still be all there.
      session().browser = await session().browser.restart();
      page = await session().browser.newPage();
      await openOptions(page, optionsUrl());
      expect(await page.text('#works-count')).toBe(String(WORK_COUNT));
      expect(await snapshot(page)).toBe(before);
      await page.fill('input[name="search-works"]', SIGNED);
      await until(page, () => document.querySelectorAll('#works [data-work-id]').length === 1, 'the search to leave one work');
      expect(await page.text('#works [data-work-id] .badges')).toMatch(/AI/);
      await page.click('#works [data-work-id] [data-action="open"]');
      await page.waitFor('#work-detail[open]');
      expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('input[name="aiGenerated"]')!.checked)).toBe(true);
      expect(await page.evaluate(() => document.querySelector<HTMLInputElement>('[data-list="tools"] [data-field="name"]')!.value)).toBe('Stable Diffusion XL');
      expect(await page.evaluate(() => document.querySelector<HTMLTextAreaElement>('[data-list="prompts"] [data-field="prompt"]')!.value)).toMatch(/lighthouse/);
      expect(await page.text('#detail-cmi')).toContain(COPYRIGHT);
      expect(await page.text('#evidence-list')).toContain('lighthouse-sketch.psd');
      await page.close();
    });

    for (const format of ['zip', 'json'] as const) {
      it(`export (${format}) → clear → import gives an identical registry`, async () => {
        const page = await session().browser.newPage();
        await openOptions(page, optionsUrl());
        const before = await snapshot(page);
        expect(JSON.parse(before).works).toHaveLength(WORK_COUNT);

        await page.click(`input[name="export-format"][value="${format}"]`);
        const exported = await page.download('[data-action="export-registry"]');
        expect(exported.fileName).toMatch(new RegExp(`\\.${format}$`));
        const file = join(dir, `export-${kind}.${format}`);
        await writeFile(file, exported.bytes);

        await page.click('[data-action="clear-registry"]');
        await page.click('[data-action="confirm-clear"]');
        await until(page, () => document.querySelector('#works-count')?.textContent === '0', 'the registry to be empty');
        expect(await workCount(page)).toBe(0);

        await setFilesAndWait(page, 'input[name="import-registry"]', [file], '#import-status', 'ok|error');
        expect(await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('#import-status')!.dataset }))).toMatchObject({
          state: 'ok',
          added: String(WORK_COUNT),
          skipped: '0',
        });
        expect(await page.text('#works-count')).toBe(String(WORK_COUNT));
        expect(await snapshot(page)).toBe(before);

        // Importing the same file again merges by content: nothing added, everything skipped.
        await setFilesAndWait(page, 'input[name="import-registry"]', [file], '#import-status', 'ok|error');
        expect(await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('#import-status')!.dataset }))).toMatchObject({ added: '0', skipped: String(WORK_COUNT) });
        await page.close();
      });
    }

    it('adds images dropped on the page and, in Chromium, a chosen folder with its subfolders', async () => {
      const page = await session().browser.newPage();
      await openOptions(page, optionsUrl());
      // A drop of files: the page takes them from the drop event's data transfer.
      const dropped = await sharp(picture(WORK_COUNT + 1)).jpeg({ quality: 85 }).toBuffer();
      await page.evaluate(async (base64) => {
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const transfer = new DataTransfer();
        transfer.items.add(new File([bytes], 'dropped.jpg', { type: 'image/jpeg' }));
        const status = document.querySelector<HTMLElement>('#register-status')!;
        delete status.dataset.state;
        for (const type of ['dragenter', 'dragover', 'drop']) {
          document.querySelector('#drop-zone')!.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
        }
      }, dropped.toString('base64'));
      await until(page, () => document.querySelector<HTMLElement>('#register-status')?.dataset.state === 'done', 'the drop to be registered');
      expect(await page.evaluate(() => document.querySelector<HTMLElement>('#register-status')!.dataset.added)).toBe('1');
      expect(await page.text('#works-count')).toBe(String(WORK_COUNT + 1));

      if (kind === 'chromium') {
        const folder = join(dir, 'portfolio');
        await mkdir(join(folder, '2025'), { recursive: true });
        await writeFile(join(folder, 'a.jpg'), await sharp(picture(WORK_COUNT + 2)).jpeg().toBuffer());
        await writeFile(join(folder, '2025', 'b.png'), await sharp(picture(WORK_COUNT + 3)).png().toBuffer());
        await writeFile(join(folder, '2025', 'notes.txt'), 'prompt notes');
        await setFilesAndWait(page, 'input[name="add-folder"]', [folder], '#register-status', 'done');
        expect(await page.evaluate(() => ({ ...document.querySelector<HTMLElement>('#register-status')!.dataset }))).toMatchObject({ added: '2', failed: '1' });
        expect(await page.text('#register-failures li')).toMatch(/portfolio\/2025\/notes\.txt/);
      }
      await page.close();
    });

    it('refuses a malformed, truncated or newer-version file with a message and leaves the registry unchanged', async () => {
      const page = await session().browser.newPage();
      await openOptions(page, optionsUrl());
      const before = await snapshot(page);
      await page.click('input[name="export-format"][value="json"]');
      const exported = await page.download('[data-action="export-registry"]');
      const zipped = await (async () => {
        await page.click('input[name="export-format"][value="zip"]');
        return (await page.download('[data-action="export-registry"]')).bytes;
      })();
      const file = JSON.parse(exported.text) as { version: number; works: Array<Record<string, unknown>> };
      const bad: Array<[string, Buffer | string, RegExp]> = [
        ['truncated.json', exported.bytes.subarray(0, Math.floor(exported.bytes.length * 0.6)), /cut short|ends part-way/i],
        ['truncated.zip', zipped.subarray(0, Math.floor(zipped.length * 0.7)), /damaged|incomplete|cut short/i],
        ['not-a-registry.json', JSON.stringify({ hello: 'world' }), /not a Reuse Radar registry/i],
        ['newer.json', JSON.stringify({ ...file, version: file.version + 1 }), /newer/i],
        // One bad work among good ones: all or nothing, so none of the good ones may be added either.
        ['one-bad-work.json', JSON.stringify({ ...file, works: [...file.works.slice(0, 3).map((w) => ({ ...w, digest: `f${String(w.digest).slice(1)}`, id: undefined })), { ...file.works[3], width: -1 }] }), /width/],
      ];
      for (const [name, content, message] of bad) {
        const path = join(dir, name);
        await writeFile(path, content);
        await setFilesAndWait(page, 'input[name="import-registry"]', [path], '#import-status', 'ok|error');
        expect(await page.evaluate(() => document.querySelector<HTMLElement>('#import-status')!.dataset.state), name).toBe('error');
        const text = await page.text('#import-status');
        expect(text, name).toMatch(/Nothing was imported/);
        expect(text, name).toMatch(message);
        expect(await snapshot(page), name).toBe(before);
      }
      await page.screenshot(screenshotPath(kind, 'registry-import-refused'));
      await page.close();
    });
  });
}
