import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { ENGINE_VERSION } from '../../src/match/index.ts';
import type { EvidenceManifest } from '../../src/notice/evidence.ts';
import { BROWSER_KINDS, ROOT, type E2EPage, type ExtensionApi } from './harness/browsers.ts';
import { WORKS } from './harness/images.ts';
import { screenshotPath, tabIdOf, useBrowser } from './harness/session.ts';
import { BLOG } from './sites/blog.ts';
import { X } from './sites/x.ts';

/** A page title an attacker controls: it must stay text in the editor, the cases list and the pack. */
const HOSTILE_TITLE = 'Free wallpapers <img src=x onerror=alert(1)>';

const CLAIMANT = {
  'claimant.name': 'Mira Okafor',
  'claimant.address': '12 Harbour Lane, Portsmouth PO1 2AB, United Kingdom',
  'claimant.email': 'mira@okafor-art.example',
  'claimant.signature': 'Mira Okafor',
};

const COPYRIGHT = '(c) 2026 Mira Okafor';

const FLAG_TIMEOUT = 60_000;

async function until<T>(page: E2EPage, check: () => T | Promise<T>, what: string, timeout = 15_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(check);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** Picks a template as the user does: the select changes and the editor redraws. */
function chooseTemplate(editor: E2EPage, id: string): Promise<void> {
  return editor.evaluate((value) => {
    const select = document.querySelector<HTMLSelectElement>('#template')!;
    select.value = value;
    select.dispatchEvent(new Event('change', { bubbles: true }));
  }, id);
}

/** The drake work as the creator registers it: with creator and copyright in its EXIF, which the reposts lack. */
async function drakeWithCmi(dir: string): Promise<string> {
  const file = join(dir, 'drake-blademaster.jpg');
  await sharp(WORKS.drake)
    .withExif({ IFD0: { Artist: CLAIMANT['claimant.name'], Copyright: COPYRIGHT } })
    .jpeg({ quality: 95 })
    .toFile(file);
  return file;
}

async function verifyEvidence(zip: Buffer): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'reuse-radar-pack-'));
  try {
    const file = join(dir, 'pack.zip');
    await writeFile(file, zip);
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', resolve(ROOT, 'src/cli/main.ts'), 'verify-evidence', file], { cwd: ROOT });
    // A failing check exits non-zero; its report is what the assertion should show.
    return await run.then(({ stdout }) => stdout, (error: { stdout?: string; stderr?: string }) => `${error.stdout ?? ''}${error.stderr ?? ''}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

for (const kind of BROWSER_KINDS) {
  describe(`${kind}: from a match to a notice`, () => {
    const session = useBrowser(kind);

    // One flow in steps that share the pages below; each step gets its own time budget.
    let blog: E2EPage;
    let popup: E2EPage;
    let editor: E2EPage;
    let tabId: number;
    let noticeText: string;

    it('opens the editor from a match, with the page title as text and "Finish" blocked until the required fields are there', async () => {
      const browser = session().browser;

      const work = await mkdtemp(join(tmpdir(), 'reuse-radar-work-'));
      const options = await browser.newPage();
      await options.goto(browser.extensionUrl('options/index.html'));
      await options.setInputFiles('input[type="file"][name="add-works"]', [await drakeWithCmi(work)]);
      await options.waitFor('#works [data-work-id]', { timeout: FLAG_TIMEOUT });
      await options.close();
      await rm(work, { recursive: true, force: true });

      // The blog's title is the page's to choose; it is set before the check reads it.
      blog = await browser.newPage();
      await blog.goto(BLOG.pageUrl);
      await blog.waitFor(BLOG.drakeRepost);
      await blog.evaluate((title) => (document.title = title), HOSTILE_TITLE);
      await browser.grantPageAccess(blog);

      popup = await browser.newPage();
      await popup.goto(browser.extensionUrl('popup/index.html'));
      tabId = await tabIdOf(popup, BLOG.pageUrl);
      await popup.goto(browser.extensionUrl(`popup/index.html?tabId=${tabId}`));
      await popup.click('button[data-action="check-page"]');
      await popup.waitFor('#matches [data-work-id][data-status="new"]', { timeout: FLAG_TIMEOUT });
      // The copy lacks the EXIF creator and copyright of the registered original: the match says so.
      await popup.waitFor('#matches .cmi-finding', { timeout: 15_000 });
      const detectionId = await popup.evaluate(() => document.querySelector<HTMLElement>('#matches [data-detection-id]')!.dataset.detectionId!);

      // "Open editor" opens the editor for this detection in a tab.
      await popup.click('#matches button[data-action="open-editor"]');
      const editorUrl = browser.extensionUrl(`notice/index.html?${new URLSearchParams({ detection: detectionId })}`);
      await until(
        popup,
        async () => {
          const scope = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
          return (await (scope.browser ?? scope.chrome).tabs.query({})).some((tab) => tab.url?.includes('/notice/index.html?detection='));
        },
        'a notice editor tab',
      );

      editor = await browser.newPage();
      await editor.goto(editorUrl);
      await editor.waitFor('#editor');
      await editor.waitFor('#checklist li');

      // Page-controlled text stays text.
      expect(await editor.text('#fact-page')).toContain(HOSTILE_TITLE);
      expect(await editor.evaluate(() => document.querySelectorAll('img:not(#work-thumb), [onerror]').length)).toBe(0);
      expect(await editor.text('#notice-preview')).toContain(HOSTILE_TITLE);

      // The original's creator and copyright are missing from the copy: the match says so, and the
      // DMCA draft carries the §1202 paragraph as a seventh element.
      await editor.waitFor('#cmi-finding', { timeout: 15_000 });
      await editor.waitFor('#include-cmi-row input:checked');
      expect(await editor.text('#notice-preview')).toContain('17 U.S.C. §1202');
      expect(await editor.text('#notice-preview')).toContain(COPYRIGHT);

      // A site without its own route gets the DMCA template: its six elements and §1202, not yet all fulfilled.
      expect(await editor.evaluate(() => document.querySelector<HTMLSelectElement>('#template')!.value)).toBe('us-dmca');
      expect(await editor.evaluate(() => [...document.querySelectorAll<HTMLElement>('#checklist li')].map((li) => li.dataset.element))).toEqual([
        'dmca-i',
        'dmca-ii',
        'dmca-iii',
        'dmca-iv',
        'dmca-v',
        'dmca-vi',
        'us-1202',
      ]);
      expect(await editor.evaluate(() => document.querySelector('#checklist [data-element="dmca-i"]')!.className)).toBe('todo');
      const missing = await editor.evaluate(() => [...document.querySelectorAll<HTMLElement>('#notice-missing [data-field]')].map((li) => li.dataset.field));
      expect(missing).toEqual(expect.arrayContaining(['claimant.name', 'claimant.address', 'claimant.email', 'claimant.signature']));
      expect(await editor.text('#finish-warnings')).toMatch(/512\(f\)/);
      await editor.click('#acknowledge');
      expect(await editor.evaluate(() => document.querySelector<HTMLButtonElement>('[data-action="finish"]')!.disabled)).toBe(true);

      // The Chinese notice is in Chinese, with the Art. 14 rights-management paragraph.
      await chooseTemplate(editor, 'cn-notice');
      expect(await editor.text('#notice-preview')).toContain('信息网络传播权保护条例');
      expect(await editor.text('#notice-preview')).toContain('权利管理电子信息');
      await chooseTemplate(editor, 'us-dmca');
    });

    it('finishes once the fields are filled, marking the case "notice drafted", and gives .txt and escaped .html', async () => {
      for (const [name, value] of Object.entries(CLAIMANT)) await editor.fill(`[name="${name}"]`, value);
      await until(editor, () => document.querySelectorAll('#notice-missing li').length === 0, 'no missing fields');
      expect(await editor.evaluate(() => document.querySelectorAll('#checklist li.todo').length)).toBe(0);
      expect(await editor.text('#channel-fields')).toContain(CLAIMANT['claimant.address']);
      await editor.click('[data-action="finish"]');
      await editor.waitFor('#fact-status[data-status="drafted"]', { state: 'attached' });
      await editor.waitFor('#output');

      const date = new Date().toISOString().slice(0, 10);
      const txt = await editor.download('[data-action="download-txt"]');
      expect(txt.fileName).toBe(`us-dmca-notice-${date}.txt`);
      expect(txt.text).toContain(HOSTILE_TITLE);
      expect(txt.text).toContain(CLAIMANT['claimant.signature']);
      const html = await editor.download('[data-action="download-html"]');
      expect(html.text).toContain('&lt;img src=x onerror=alert(1)&gt;');
      expect(html.text).not.toContain('<img');
      noticeText = txt.text;
    });

    it('downloads an evidence pack that verify-evidence accepts', async () => {
      const date = new Date().toISOString().slice(0, 10);

      // Firefox grants <all_urls> without a prompt under the harness; Chromium would show one.
      if (kind === 'firefox') {
        await editor.click('[data-action="capture-page"]');
        await editor.waitFor('#screenshot-state a', { timeout: 15_000 });
        await editor.bringToFront();
      }
      await editor.screenshot(screenshotPath(kind, 'notice-editor'));

      const pack = await editor.download('[data-action="evidence-pack"]');
      expect(pack.fileName).toMatch(new RegExp(`^evidence-${date}-[0-9a-f]{8}\\.zip$`));
      expect(await verifyEvidence(pack.bytes)).toMatch(/^OK/);
      const files = unzipSync(new Uint8Array(pack.bytes));
      const manifest = JSON.parse(strFromU8(files['evidence.json'])) as EvidenceManifest;
      expect(manifest.facts).toMatchObject({ pageUrl: BLOG.pageUrl, pageTitle: HOSTILE_TITLE, engineVersion: ENGINE_VERSION });
      expect(Number.isFinite(Date.parse(manifest.facts.capturedAt))).toBe(true);
      const names = manifest.files.map((file) => file.name);
      expect(names).toEqual(expect.arrayContaining(['notice.txt', 'notice.html', 'found-image.jpg']));
      expect(names.some((name) => name.startsWith('registered-work-thumbnail.'))).toBe(true);
      if (kind === 'firefox') expect(names).toContain('page-screenshot.png');
      expect(strFromU8(files['notice.txt'])).toBe(noticeText);
    });

    it('shows the case as "notice drafted" in the popup, on the cases page and in the CSV, then records it as sent', async () => {
      const browser = session().browser;
      // The case shows as "notice drafted" in the popup and on the cases page, title still text.
      await popup.goto(browser.extensionUrl(`popup/index.html?tabId=${tabId}`));
      await popup.waitFor('#matches [data-work-id][data-status="drafted"]');
      const cases = await browser.newPage();
      await cases.goto(browser.extensionUrl('cases/index.html'));
      await cases.waitFor('#cases tbody tr[data-status="drafted"]');
      expect(await cases.text('#cases tbody tr .page-title')).toBe(HOSTILE_TITLE);
      expect(await cases.evaluate(() => document.querySelectorAll('#cases img:not(.thumb), #cases [onerror]').length)).toBe(0);
      await cases.screenshot(screenshotPath(kind, 'cases'));
      const csv = await cases.download('[data-action="export-csv"]');
      expect(csv.text.split('\r\n')[1]).toContain(',drafted,');

      // "Mark as sent" records the date and the channel.
      await editor.fill('[name="sent-channel"]', 'webmaster@blog.example.org');
      await editor.click('[data-action="mark-sent"]');
      await editor.waitFor('#fact-status[data-status="sent"]', { state: 'attached' });
      expect(await editor.text('#fact-status')).toContain('webmaster@blog.example.org');

      // …and the cases page closes it with an outcome.
      // In front first: coming to the front re-reads the cases, which would replace the row mid-click.
      await cases.bringToFront();
      await cases.goto(browser.extensionUrl('cases/index.html'));
      await cases.waitFor('#cases tbody tr[data-status="sent"]');
      await cases.click('#cases tbody tr[data-status="sent"] button[data-action="resolve"]');
      await cases.waitFor('#case-dialog[open]');
      await cases.click('#case-dialog [data-action="confirm"]');
      await cases.waitFor('#cases tbody tr[data-status="resolved"]');

      for (const page of [cases, editor, popup, blog]) await page.close();
    });

    // Turning the opt-in on asks for <all_urls>: Firefox grants it without a prompt under the harness.
    it.runIf(kind === 'firefox')('with "screenshot at detection" on, captures the page in front when a copy is found there', async () => {
      const browser = session().browser;
      const options = await browser.newPage();
      await options.goto(browser.extensionUrl('options/index.html'));
      await options.setInputFiles('input[type="file"][name="add-works"]', [WORKS.cat]);
      await options.waitFor('#works [data-work-id]:nth-child(2)', { timeout: FLAG_TIMEOUT });
      await options.close();

      const cases = await browser.newPage();
      await cases.goto(browser.extensionUrl('cases/index.html'));
      await cases.click('input[name="screenshot-at-detection"]');
      await cases.waitFor('input[name="screenshot-at-detection"]:checked', { state: 'attached' });

      const feed = await browser.newPage();
      await feed.goto(X.feedUrl);
      await feed.waitFor(`${X.catRepost}[data-reuse-radar-match]`, { state: 'attached', timeout: FLAG_TIMEOUT });
      await cases.bringToFront();
      const captured = async () => {
        await cases.goto(browser.extensionUrl('cases/index.html'));
        await cases.waitFor('#cases tbody tr', { state: 'attached' });
        return cases.evaluate((feedUrl) => {
          const row = [...document.querySelectorAll('#cases tbody tr')].find((tr) => tr.querySelector('.page-url')?.textContent === feedUrl);
          return Boolean(row?.querySelector('a.screenshot-link'));
        }, X.feedUrl);
      };
      const deadline = Date.now() + 30_000;
      while (!(await captured())) {
        if (Date.now() > deadline) throw new Error('No screenshot link on the X case within 30 s');
        await sleep(1_000);
      }
      await cases.close();
      await feed.close();
    });
  });
}
