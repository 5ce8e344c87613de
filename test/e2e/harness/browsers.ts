import { randomUUID } from 'node:crypto';
import { accessSync, constants, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium, type Page as PlaywrightPage } from 'playwright-core';
import puppeteer, { type Page as PuppeteerPage } from 'puppeteer-core';

export type BrowserKind = 'chromium' | 'firefox';
export const BROWSER_KINDS = ['chromium', 'firefox'] as const satisfies readonly BrowserKind[];

export const ROOT = resolve(import.meta.dirname, '../../..');
export const extensionDir = (kind: BrowserKind) => resolve(ROOT, 'dist', kind === 'chromium' ? 'chrome' : 'firefox');

/** One browser with the production build of the extension loaded, in a throwaway profile (kept across restart()). */
export interface E2EBrowser {
  kind: BrowserKind;
  /** chrome-extension://<id>/<path> or moz-extension://<uuid>/<path>. */
  extensionUrl(path: string): string;
  newPage(): Promise<E2EPage>;
  /**
   * What the user's click on the toolbar button gives the extension for `page`: the activeTab grant.
   * Chromium: the real action click (CDP Extensions.triggerAction). Firefox has no way to click it
   * from automation, so the optional all-sites host permission is granted instead.
   */
  grantPageAccess(page: E2EPage): Promise<void>;
  /** Settles when the browser exits, whoever closed it. */
  closed: Promise<void>;
  close(): Promise<void>;
  /**
   * Closes the browser and starts it again on the same profile with the same extension, as a
   * user's restart does: what the extension stored must still be there. Use the returned browser.
   */
  restart(): Promise<E2EBrowser>;
}

export interface E2EPage {
  url(): string;
  goto(url: string): Promise<void>;
  waitFor(selector: string, options?: { timeout?: number; state?: 'attached' | 'visible' }): Promise<void>;
  click(selector: string): Promise<void>;
  /** A real mouse click at a point of the viewport (CSS px): for what no selector reaches (closed shadow roots). */
  clickAt(x: number, y: number): Promise<void>;
  fill(selector: string, value: string): Promise<void>;
  setInputFiles(selector: string, paths: string[]): Promise<void>;
  /** textContent of the first match ('' when none). */
  text(selector: string): Promise<string>;
  evaluate<R, A = undefined>(fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R>;
  /** Clicks and returns the file the click downloads: its bytes, and them read as UTF-8. */
  download(selector: string): Promise<{ fileName: string; text: string; bytes: Buffer }>;
  bringToFront(): Promise<void>;
  screenshot(path: string): Promise<void>;
  /** The viewport as the reader sees it, PNG. */
  viewportPng(): Promise<Buffer>;
  close(): Promise<void>;
}

/** The few WebExtension APIs the harness calls from inside extension pages. */
export interface ExtensionApi {
  tabs: { query(query: object): Promise<{ id?: number; url?: string }[]> };
  permissions: { request(permissions: { origins: string[] }): Promise<boolean> };
  action: { getBadgeText(details: { tabId: number }): Promise<string> };
}

export interface LaunchOptions {
  kind: BrowserKind;
  executablePath: string;
  proxyPort: number;
  headless: boolean;
  /** Defaults to the production build in dist/. */
  extension?: string;
  /** Let Playwright/Puppeteer kill the browser on Ctrl-C (default); npm start closes it itself. */
  handleSignals?: boolean;
}

const CHROMIUM_NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const FIREFOX_NAMES = ['firefox-esr', 'firefox'];

/** The browser binary to use: CHROME_PATH / FIREFOX_PATH, else the first known name on PATH. */
export function findBrowser(kind: BrowserKind): string | undefined {
  const fromEnv = kind === 'chromium' ? process.env.CHROME_PATH : process.env.FIREFOX_PATH;
  if (fromEnv) return fromEnv;
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  for (const name of kind === 'chromium' ? CHROMIUM_NAMES : FIREFOX_NAMES) {
    for (const dir of dirs) {
      const path = join(dir, name);
      try {
        accessSync(path, constants.X_OK);
        return path;
      } catch {
        // not in this directory
      }
    }
  }
  return undefined;
}

/**
 * The close events fire when the automation connection drops, while browser child processes may
 * still be flushing (Chromium's network service rewrites "Network Persistent State" and the cache
 * index after it): remove again until the folder stays gone.
 */
async function removeProfile(dir: string): Promise<void> {
  for (let attempt = 0; attempt < 5; attempt++) {
    await rm(dir, { recursive: true, force: true, maxRetries: 3 });
    await sleep(500);
    if (!existsSync(dir)) return;
  }
}

export function launchBrowser(options: LaunchOptions): Promise<E2EBrowser> {
  return options.kind === 'chromium' ? launchChromium(options) : launchFirefox(options);
}

/** What a restart carries over to the next launch: the profile folder (and Firefox's extension UUID). */
interface Reuse {
  profile: string;
  uuid?: string;
}

async function launchChromium(options: LaunchOptions, reuse?: Reuse) {
  const { executablePath, proxyPort, headless, extension = extensionDir('chromium'), handleSignals = true } = options;
  const profile = reuse?.profile ?? (await mkdtemp(join(tmpdir(), 'reuse-radar-chromium-')));
  /** Set by restart(): the next launch takes the profile over. */
  let keepProfile = false;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    // Playwright's own headless switch would be the old mode on some builds; extensions need the new one.
    headless: false,
    // Without a setuid helper or user namespaces Chromium's sandbox cannot start as root, and only then.
    chromiumSandbox: process.getuid?.() !== 0,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors: true,
    viewport: headless ? { width: 1280, height: 900 } : null,
    args: [
      ...(headless ? ['--headless=new'] : []),
      // CDP Extensions.loadUnpacked and .triggerAction (the toolbar click) need this and Playwright's
      // --remote-debugging-pipe. Google Chrome 137+ ignores --load-extension; loadUnpacked works in both.
      '--enable-unsafe-extension-debugging',
      `--proxy-server=http://127.0.0.1:${proxyPort}`,
      // Also for the extension's own fetches from its service worker, which Playwright's flag does not cover.
      '--ignore-certificate-errors',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
    ],
  });
  // Settles once the profile is gone, whether the test or the user closed the browser.
  const closed = new Promise<void>((done) => context.on('close', () => done())).then(() =>
    keepProfile ? undefined : removeProfile(profile),
  );
  try {
    const cdp = await context.browser()!.newBrowserCDPSession();
    // The id is the hash of the path, so it is the same again after restart().
    const { id } = await cdp.send('Extensions.loadUnpacked', { path: extension });
    // A persistent context opens with a blank tab: the first page asked for is that one.
    let blank: PlaywrightPage | undefined = context.pages()[0];
    const browser: E2EBrowser = {
      kind: 'chromium',
      extensionUrl: (path) => `chrome-extension://${id}/${path.replace(/^\//, '')}`,
      async newPage() {
        const page = blank ?? (await context.newPage());
        blank = undefined;
        return chromiumPage(page);
      },
      async grantPageAccess(page) {
        // The action runs on a "tab" target, which Playwright does not expose; its URL is the page's.
        const { targetInfos } = await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] });
        const tabs = targetInfos.filter((target) => target.url === page.url());
        if (tabs.length !== 1) throw new Error(`Expected one tab at ${page.url()}, found ${tabs.length}`);
        await cdp.send('Extensions.triggerAction', { id, targetId: tabs[0].targetId });
      },
      closed,
      async close() {
        await context.close();
        await closed;
      },
      async restart() {
        keepProfile = true;
        await browser.close();
        return launchChromium(options, { profile });
      },
    };
    return browser;
  } catch (error) {
    await context.close();
    await closed;
    throw error;
  }
}

function chromiumPage(page: PlaywrightPage): E2EPage {
  return {
    url: () => page.url(),
    async goto(url) {
      await page.goto(url);
    },
    async waitFor(selector, { timeout = 30_000, state = 'visible' } = {}) {
      await page.waitForSelector(selector, { timeout, state });
    },
    click: (selector) => page.click(selector),
    clickAt: (x, y) => page.mouse.click(x, y),
    fill: (selector, value) => page.fill(selector, value),
    setInputFiles: (selector, paths) => page.setInputFiles(selector, paths),
    async text(selector) {
      return (await page.locator(selector).first().textContent({ timeout: 5_000 }).catch(() => null)) ?? '';
    },
    evaluate: page.evaluate.bind(page) as unknown as E2EPage['evaluate'],
    async download(selector) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
      const path = await download.path();
      const bytes = await readFile(path);
      return { fileName: download.suggestedFilename(), text: bytes.toString('utf8'), bytes };
    },
    bringToFront: () => page.bringToFront(),
    async screenshot(path) {
      await page.screenshot({ path });
    },
    viewportPng: () => page.screenshot(),
    close: () => page.close(),
  };
}

async function launchFirefox(options: LaunchOptions, reuse?: Reuse) {
  const { executablePath, proxyPort, headless, extension = extensionDir('firefox'), handleSignals = true } = options;
  const manifest = JSON.parse(await readFile(join(extension, 'manifest.json'), 'utf8'));
  const geckoId: string = manifest.browser_specific_settings.gecko.id;
  const uuid = reuse?.uuid ?? randomUUID();
  const downloads = await mkdtemp(join(tmpdir(), 'reuse-radar-downloads-'));
  // A profile of our own (not Puppeteer's temporary one), so that restart() can start on it again.
  const profile = reuse?.profile ?? (await mkdtemp(join(tmpdir(), 'reuse-radar-firefox-')));
  let keepProfile = false;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath,
    userDataDir: profile,
    protocol: 'webDriverBiDi',
    headless,
    handleSIGINT: handleSignals,
    handleSIGTERM: handleSignals,
    handleSIGHUP: handleSignals,
    acceptInsecureCerts: true,
    defaultViewport: headless ? { width: 1280, height: 900 } : null,
    // Lets BiDi script moz-extension: pages (the options page, the popup).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      // Pins moz-extension://<uuid>/ so the extension's pages have a known address.
      'extensions.webextensions.uuids': JSON.stringify({ [geckoId]: uuid }),
      // The extension is a temporary add-on, gone when Firefox stops: keep its storage for the
      // reinstall after restart(), as an installed add-on's storage stays across restarts.
      'extensions.webextensions.keepStorageOnUninstall': true,
      'extensions.webextensions.keepUuidOnUninstall': true,
      'network.proxy.type': 1,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxyPort,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxyPort,
      'network.proxy.no_proxies_on': '',
      // permissions.request() then grants without a doorhanger (still only from a user click).
      'extensions.webextOptionalPermissionPrompts': false,
      'browser.download.dir': downloads,
      'browser.download.folderList': 2,
      'browser.download.useDownloadDir': true,
      'browser.download.always_ask_before_handling_new_types': false,
      'browser.download.alwaysOpenPanel': false,
    },
  });
  // 'disconnected' comes before Firefox has written its session files and exited: wait for the exit.
  const child = browser.process();
  const exited = new Promise<void>((done) => (!child || child.exitCode !== null ? done() : child.once('exit', () => done())));
  const closed = new Promise<void>((done) => browser.once('disconnected', () => done())).then(async () => {
    await Promise.race([exited, sleep(10_000)]);
    await Promise.all([
      rm(downloads, { recursive: true, force: true }),
      keepProfile ? undefined : removeProfile(profile),
    ]);
  });
  try {
    await browser.installExtension(extension);
    const extensionUrl = (path: string) => `moz-extension://${uuid}/${path.replace(/^\//, '')}`;
    // Firefox starts with a blank tab: the first page asked for is that one.
    let blank: PuppeteerPage | undefined = (await browser.pages())[0];
    const e2e: E2EBrowser = {
      kind: 'firefox',
      extensionUrl,
      async newPage() {
        const page = blank ?? (await browser.newPage());
        blank = undefined;
        return firefoxPage(page, downloads);
      },
      async grantPageAccess() {
        const page = await e2e.newPage();
        await page.goto(extensionUrl('options/index.html'));
        // permissions.request() needs a real user click; a button of ours in the extension page gets one.
        await page.evaluate(() => {
          const button = document.createElement('button');
          button.id = 'e2e-grant-all-sites';
          button.textContent = 'e2e: grant all sites';
          button.onclick = async () => {
            const api = (globalThis as unknown as { browser: ExtensionApi }).browser;
            button.dataset.granted = String(await api.permissions.request({ origins: ['*://*/*'] }));
          };
          document.body.prepend(button);
        });
        await page.click('#e2e-grant-all-sites');
        await page.waitFor('#e2e-grant-all-sites[data-granted="true"]', { state: 'attached', timeout: 10_000 });
        await page.close();
      },
      closed,
      async close() {
        await browser.close();
        await closed;
      },
      async restart() {
        keepProfile = true;
        await e2e.close();
        return launchFirefox(options, { profile, uuid });
      },
    };
    return e2e;
  } catch (error) {
    await browser.close();
    await closed;
    throw error;
  }
}

function firefoxPage(page: PuppeteerPage, downloads: string): E2EPage {
  return {
    url: () => page.url(),
    async goto(url) {
      if (!url.startsWith('moz-extension:')) {
        await page.goto(url);
        return;
      }
      // Over BiDi the navigation promise for moz-extension: pages may never settle; wait for the document instead.
      page.goto(url).catch(() => {});
      const deadline = Date.now() + 30_000;
      while (Date.now() < deadline) {
        const ready = await page
          .evaluate((want) => location.href === want && document.readyState === 'complete', url)
          .catch(() => false);
        if (ready) return;
        await sleep(100);
      }
      throw new Error(`Timed out loading ${url}`);
    },
    async waitFor(selector, { timeout = 30_000, state = 'visible' } = {}) {
      await page.waitForSelector(selector, { timeout, visible: state === 'visible' });
    },
    click: (selector) => page.click(selector),
    clickAt: (x, y) => page.mouse.click(x, y),
    async fill(selector, value) {
      await page.locator(selector).fill(value);
    },
    async setInputFiles(selector, paths) {
      const input = await page.waitForSelector(selector);
      await (input as unknown as { uploadFile(...paths: string[]): Promise<void> }).uploadFile(...paths);
    },
    async text(selector) {
      return (await page.$eval(selector, (el) => el.textContent).catch(() => null)) ?? '';
    },
    evaluate: page.evaluate.bind(page) as unknown as E2EPage['evaluate'],
    async download(selector) {
      const before = new Set(await readdir(downloads));
      await page.click(selector);
      const deadline = Date.now() + 15_000;
      let seen = '';
      while (Date.now() < deadline) {
        // Firefox reserves the name with an empty file, writes <name>.part beside it and renames that over it when done.
        const names = await readdir(downloads);
        const done = names.filter((name) => !before.has(name) && !name.endsWith('.part') && !names.includes(`${name}.part`));
        if (done.length) {
          // A name seen may also be a temporary one Firefox renames away: take a file once it stays put and unchanged.
          const bytes = await readFile(join(downloads, done[0])).catch(() => Buffer.alloc(0));
          const state = `${done[0]}:${bytes.length}`;
          if (bytes.length > 0 && state === seen) return { fileName: done[0], text: bytes.toString('utf8'), bytes };
          seen = state;
        }
        await sleep(100);
      }
      throw new Error(`Clicking ${selector} downloaded nothing within 15 s`);
    },
    bringToFront: () => page.bringToFront(),
    async screenshot(path) {
      await page.screenshot({ path: path as `${string}.png` });
    },
    viewportPng: async () => Buffer.from(await page.screenshot()),
    close: () => page.close(),
  };
}
