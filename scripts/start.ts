/**
 * npm start: the extension, freshly built, in a real browser window on a throwaway profile, with the
 * demo works registered and a fake X timeline that reposts some of them. Nothing touches the user's
 * own browser profile or the network: the fake sites are served locally under their real names.
 *
 *   npm start                        Chromium or Chrome (CHROME_PATH to choose)
 *   npm start -- --browser=firefox   Firefox (FIREFOX_PATH to choose)
 */
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { extensionDir, findBrowser, launchBrowser, type BrowserKind } from '../test/e2e/harness/browsers.ts';
import { registerWorks } from '../test/e2e/harness/extension.ts';
import { startFixtureServer } from '../test/e2e/harness/server.ts';
import { BLOG } from '../test/e2e/sites/blog.ts';
import { SITES } from '../test/e2e/sites/index.ts';
import { X } from '../test/e2e/sites/x.ts';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const USAGE = 'Usage: npm start [-- --browser=chromium|firefox]';
let values: { browser?: string };
try {
  ({ values } = parseArgs({ options: { browser: { type: 'string', default: 'chromium' } } }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`);
}
const kind = ({ chromium: 'chromium', chrome: 'chromium', firefox: 'firefox' } as const)[values.browser as string] as
  | BrowserKind
  | undefined;
if (!kind) fail(`Unknown --browser=${values.browser}: use chromium (the default) or firefox.\n${USAGE}`);

const executablePath = findBrowser(kind);
if (!executablePath) {
  fail(
    kind === 'chromium'
      ? 'No Chromium or Google Chrome found.\n' +
          '  Debian/Ubuntu: sudo apt-get install chromium\n' +
          '  Or point CHROME_PATH at a Chromium or Chrome binary: CHROME_PATH=/path/to/chrome npm start'
      : 'No Firefox found.\n' +
          '  Debian/Ubuntu: sudo apt-get install firefox-esr\n' +
          '  Or point FIREFOX_PATH at a Firefox binary: FIREFOX_PATH=/path/to/firefox npm start -- --browser=firefox',
  );
}
try {
  accessSync(executablePath, constants.X_OK);
} catch {
  fail(`${executablePath} (from ${kind === 'chromium' ? 'CHROME_PATH' : 'FIREFOX_PATH'}) is not an executable file.`);
}
if (!existsSync(join(extensionDir(kind), 'manifest.json'))) fail('No build in dist/: run `npm start`, which builds first.');
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  fail('npm start opens a browser window, and there is no display here (no DISPLAY).\n  Run it in a desktop session, or under a virtual one: xvfb-run npm start');
}

const server = await startFixtureServer(SITES);
const browser = await launchBrowser({ kind, executablePath, proxyPort: server.proxyPort, headless: false, handleSignals: false }).catch(
  async (error: Error) => {
    await server.close();
    fail(`Could not start ${executablePath} with the extension: ${error.message}`);
  },
);

let stopping: Promise<void> | undefined;
function stop() {
  stopping ??= (async () => {
    await browser.close().catch(() => {});
    await server.close();
  })();
  return stopping;
}
process.once('SIGINT', stop);
process.once('SIGTERM', stop);

try {
  console.log(`Reuse Radar in ${kind === 'chromium' ? 'Chromium' : 'Firefox'} (${executablePath}), on a temporary profile.`);
  console.log('Registering the demo works on the options page…');
  await registerWorks(browser);
  const feed = await browser.newPage();
  await feed.goto(X.feedUrl);
  await feed.bringToFront();
  console.log(
    [
      '',
      `Demo feed: ${X.feedUrl} — a fake X timeline served locally (this browser only).`,
      '  The reposted cat is flagged within a minute; scroll down for a reposted astronaut.',
      `Manual check: open ${BLOG.pageUrl}`,
      '  then click the Reuse Radar toolbar button and "Check this page".',
      '',
      'Close the browser or press Ctrl-C to stop; the temporary profile is deleted.',
    ].join('\n'),
  );
} catch (error) {
  // Ctrl-C while setting up closes the page under it: not a failure worth reporting.
  if (!stopping) {
    console.error(`Demo setup failed: ${(error as Error).message}`);
    console.error('The browser stays open to look around; close it or press Ctrl-C to stop.');
  }
}

await browser.closed;
await stop();
