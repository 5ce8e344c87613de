import { chromium, type BrowserContext } from 'playwright-core';

export interface BenchChromiumOptions {
  executablePath: string;
  profile: string;
  /** An unpacked extension to load, usually dist/chrome. */
  extension?: string;
  /** Extra command-line switches (a proxy, certificate handling…). */
  args?: string[];
  ignoreHTTPSErrors?: boolean;
}

/**
 * Headless Chromium as the benches run it: new headless mode (extensions need it), the sandbox only
 * when not root, and none of the background networking this offline machine refuses.
 */
export function launchBenchChromium({ executablePath, profile, extension, args = [], ignoreHTTPSErrors }: BenchChromiumOptions): Promise<BrowserContext> {
  const root = process.getuid?.() === 0;
  return chromium.launchPersistentContext(profile, {
    executablePath,
    headless: false,
    chromiumSandbox: !root,
    ignoreDefaultArgs: ['--disable-extensions'],
    ignoreHTTPSErrors,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless=new',
      ...(root ? ['--no-sandbox'] : []),
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--no-default-browser-check',
      ...(extension ? [`--disable-extensions-except=${extension}`, `--load-extension=${extension}`] : []),
      ...args,
    ],
  });
}
