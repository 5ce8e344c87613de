import browser from 'webextension-polyfill';
import { matchIndex } from './works.ts';

/**
 * The detections found in each tab, in session storage: the service worker may be stopped
 * between two feed images, and the badge count and the popup's list must survive that.
 */
const key = (tabId: number) => `tab-matches:${tabId}`;

export async function tabDetectionIds(tabId: number): Promise<string[]> {
  const stored = await browser.storage.session.get(key(tabId));
  return (stored[key(tabId)] as string[] | undefined) ?? [];
}

async function showCount(tabId: number, count: number): Promise<void> {
  await browser.action.setBadgeBackgroundColor({ tabId, color: '#c2410c' });
  await browser.action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
}

let updates = Promise.resolve();

/** Adds a detection to the tab's list and badge; updates are serialised so none is lost. */
export function recordTabMatch(tabId: number, detectionId: string): Promise<void> {
  updates = updates
    .then(async () => {
      const ids = await tabDetectionIds(tabId);
      if (!ids.includes(detectionId)) ids.push(detectionId);
      await browser.storage.session.set({ [key(tabId)]: ids });
      await showCount(tabId, ids.length);
    })
    .catch(() => undefined);
  return updates;
}

export function watchTabs(): void {
  browser.tabs.onRemoved.addListener((tabId) => void browser.storage.session.remove(key(tabId)));
  browser.tabs.onUpdated.addListener((tabId, change) => {
    // A new document starts a new count; route changes inside a single-page app keep it.
    if (change.status === 'loading' && change.url) {
      updates = updates.then(() => browser.storage.session.remove(key(tabId))).then(() => showCount(tabId, 0)).catch(() => undefined);
      // The tab may be a feed we scan (Chromium gives its URL only for hosts we may access): load the
      // match index while the page loads rather than when its first image arrives (seconds for 10,000 works).
      matchIndex().catch(() => undefined);
    }
  });
}
