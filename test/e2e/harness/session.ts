import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { SITES } from '../sites/index.ts';
import { findBrowser, launchBrowser, ROOT, type BrowserKind, type E2EBrowser, type E2EPage, type ExtensionApi } from './browsers.ts';
import { startFixtureServer, type FixtureServer } from './server.ts';

export const RESULTS_DIR = resolve(ROOT, 'test-results/e2e');

export interface Session {
  browser: E2EBrowser;
  server: FixtureServer;
}

/**
 * Fixture server and one headless browser with the production build, for the enclosing describe().
 * Returns a getter: the session exists only once beforeAll has run.
 */
export function useBrowser(kind: BrowserKind): () => Session {
  let session: Session | undefined;
  beforeAll(async () => {
    const executablePath = findBrowser(kind);
    if (!executablePath) {
      throw new Error(
        kind === 'chromium'
          ? 'No Chromium or Chrome found: install one (Debian: apt-get install chromium) or set CHROME_PATH.'
          : 'No Firefox found: install one (Debian: apt-get install firefox-esr) or set FIREFOX_PATH.',
      );
    }
    await mkdir(RESULTS_DIR, { recursive: true });
    const server = await startFixtureServer(SITES);
    try {
      session = { server, browser: await launchBrowser({ kind, executablePath, proxyPort: server.proxyPort, headless: true }) };
    } catch (error) {
      await server.close();
      throw error;
    }
  });
  afterAll(async () => {
    await session?.browser.close();
    await session?.server.close();
  });
  return () => {
    if (!session) throw new Error('Browser session not started');
    return session;
  };
}

export const screenshotPath = (kind: BrowserKind, name: string) => resolve(RESULTS_DIR, `${kind}-${name}.png`);

/**
 * The browser's id for the tab showing `url`, asked from an extension page (only those see tab ids).
 * Tabs on hosts the extension has no access to have no url: the caller grants access first.
 */
export async function tabIdOf(extensionPage: E2EPage, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (want) => {
    const scope = globalThis as unknown as { browser?: ExtensionApi; chrome: ExtensionApi };
    const api = scope.browser ?? scope.chrome;
    const tabs = await api.tabs.query({});
    return tabs.find((tab) => tab.url === want)?.id ?? -1;
  }, url);
  if (id < 0) throw new Error(`No tab the extension can see shows ${url}`);
  return id;
}
