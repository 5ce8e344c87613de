import { setTimeout as sleep } from 'node:timers/promises';
import type { E2EBrowser, E2EPage } from './browsers.ts';
import { WORKS, type WorkName } from './images.ts';

/** Polls `check` in the page until it returns a truthy value, which it returns. */
export async function until<T>(page: E2EPage, check: () => T | Promise<T>, what: string, timeout = 60_000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await page.evaluate(check);
    if (value) return value as Exclude<T, false | null | undefined | 0 | ''>;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeout} ms waiting for ${what}`);
    await sleep(250);
  }
}

/**
 * Registers the fixture works as a creator does, through the options page, and returns their ids
 * (by fixture name) as the page lists them. Leaves the options page open, returned with the ids.
 */
export async function registerWorks(browser: E2EBrowser): Promise<{ ids: Record<WorkName, string>; options: E2EPage }> {
  const options = await browser.newPage();
  await options.goto(browser.extensionUrl('options/index.html'));
  // The page listens for files only once it has opened the registry.
  await options.waitFor('body[data-ready="true"]', { state: 'attached' });
  await options.setInputFiles('input[type="file"][name="add-works"]', Object.values(WORKS));
  const rows: (readonly [string, string])[] = await until(
    options,
    () => {
      const items = [...document.querySelectorAll('#works [data-work-id]')];
      return items.length >= 3 && items.map((item) => [item.getAttribute('data-work-id')!, item.textContent ?? ''] as const);
    },
    'three works in #works',
  );
  const idOf = (title: RegExp) => {
    const row = rows.find(([, text]) => title.test(text));
    if (!row) throw new Error(`No work titled ${title} in ${JSON.stringify(rows)}`);
    return row[0];
  };
  return {
    ids: { cat: idOf(/tabby-cat/i), astronaut: idOf(/astronaut/i), drake: idOf(/drake-blademaster/i) },
    options,
  };
}
