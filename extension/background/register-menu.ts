import browser, { type Menus, type Tabs } from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { registerImageFile, RegisterError } from '../shared/register.ts';
import { forgetVerdicts } from './check.ts';
import { fetchImage, MAX_IMAGE_BYTES, SkipImage } from './fetch-image.ts';
import { invalidateIndex, openRegistry } from './works.ts';

export const REGISTER_MENU = 'register-work';
/** How long the badge shows the outcome before it goes back to the tab's match count. */
const BADGE_FLASH_MS = 4000;

const EXTENSIONS: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'image/avif': 'avif' };

/** The file name a right-clicked image is registered under: the last part of its URL path. */
export function fileNameFromUrl(url: string, type: string): string {
  let name = '';
  try {
    const parsed = new URL(url);
    if (parsed.protocol === 'http:' || parsed.protocol === 'https:') name = decodeURIComponent(parsed.pathname.split('/').pop() ?? '');
  } catch {
    // not a URL we can name the file after
  }
  name = name.replace(/[\\/:*?"<>|]+/g, '_').slice(0, 120);
  if (!name) name = 'image';
  return /\.[a-z0-9]{2,5}$/i.test(name) || !EXTENSIONS[type] ? name : `${name}.${EXTENSIONS[type]}`;
}

/**
 * Reads the image inside the tab, as the page sees it: for blob: URLs and images only the page's
 * own cookies or origin can read. The user's click on the menu item grants activeTab for this.
 */
async function fetchInTab(tabId: number, frameId: number | undefined, url: string): Promise<Blob> {
  const [result] = await browser.scripting.executeScript({
    target: frameId ? { tabId, frameIds: [frameId] } : { tabId },
    args: [url, MAX_IMAGE_BYTES],
    func: async (src: string, limit: number) => {
      const response = await fetch(src);
      if (!response.ok) return { error: `HTTP ${response.status}` };
      const blob = await response.blob();
      if (blob.size > limit) return { error: 'larger than 20 MB' };
      // Messages from scripts are JSON-like: bytes travel as a data: URL.
      const dataUrl = await new Promise<string>((resolve) => {
        const reader = new FileReader();
        reader.onload = () => resolve(String(reader.result));
        reader.readAsDataURL(blob);
      });
      return { dataUrl };
    },
  });
  const value = result?.result as { dataUrl?: string; error?: string } | undefined;
  if (!value?.dataUrl) throw new SkipImage(value?.error ?? 'the page would not hand over the image');
  return (await fetch(value.dataUrl)).blob();
}

async function imageBlob(url: string, tab: Tabs.Tab | undefined, frameId: number | undefined): Promise<Blob> {
  if (url.startsWith('data:')) return (await fetch(url)).blob();
  if (/^https?:/i.test(url)) {
    try {
      return await fetchImage(url);
    } catch (error) {
      if (tab?.id === undefined) throw error;
      // No host permission for the image's server (and no CORS): try as the page.
      return fetchInTab(tab.id, frameId, url).catch(() => Promise.reject(error));
    }
  }
  if (tab?.id === undefined) throw new SkipImage('not a web image');
  return fetchInTab(tab.id, frameId, url);
}

async function flashBadge(tabId: number | undefined, ok: boolean): Promise<void> {
  if (tabId === undefined) return;
  const before = await browser.action.getBadgeText({ tabId });
  const color = await browser.action.getBadgeBackgroundColor({ tabId });
  await browser.action.setBadgeBackgroundColor({ tabId, color: ok ? '#15803d' : '#b91c1c' });
  await browser.action.setBadgeText({ tabId, text: ok ? '✓' : '!' });
  setTimeout(() => {
    // The tab may be gone, or a match may have changed the badge meanwhile: then leave it.
    void (async () => {
      if ((await browser.action.getBadgeText({ tabId })) !== (ok ? '✓' : '!')) return;
      await browser.action.setBadgeBackgroundColor({ tabId, color });
      await browser.action.setBadgeText({ tabId, text: before });
    })().catch(() => undefined);
  }, BADGE_FLASH_MS);
}

async function notify(message: string): Promise<void> {
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  await browser.notifications.create({
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: t('registeredNotificationTitle'),
    message,
  });
}

/** "Register as my work" on a right-clicked image: the same registration as the options page. */
export async function registerFromMenu(info: Menus.OnClickData, tab: Tabs.Tab | undefined): Promise<void> {
  let message: string;
  let ok = false;
  try {
    const blob = await imageBlob(info.srcUrl!, tab, info.frameId);
    const { work, added } = await registerImageFile(await openRegistry(), blob, fileNameFromUrl(info.srcUrl!, blob.type));
    ok = true;
    message = t(added ? 'registeredNew' : 'registeredKnown', work.title);
    if (added) {
      invalidateIndex();
      forgetVerdicts();
    }
  } catch (error) {
    const reason = error instanceof SkipImage || error instanceof RegisterError ? error.message : (error as Error).message;
    message = t('registerMenuFailed', reason);
  }
  await Promise.all([flashBadge(tab?.id, ok), notify(message)].map((step) => step.catch(() => undefined)));
}

/** Adds the image context menu item and handles its clicks; called once from background/main.ts. */
export function setupRegisterMenu(): void {
  browser.runtime.onInstalled.addListener(() => {
    browser.contextMenus.create({ id: REGISTER_MENU, title: t('menuRegisterWork'), contexts: ['image'] });
  });
  browser.contextMenus.onClicked.addListener((info, tab) => {
    if (info.menuItemId !== REGISTER_MENU || !info.srcUrl) return;
    void registerFromMenu(info, tab);
  });
}
