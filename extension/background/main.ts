import browser from 'webextension-polyfill';
import { listen, sendToTab } from '../messages.ts';
import { t } from '../shared/i18n.ts';
import { recordTabMatch, tabDetectionIds, watchTabs } from './tab-matches.ts';
import { checkImage, forgetVerdicts } from './check.ts';
import { isFetchableImageUrl } from './fetch-image.ts';
import { invalidateIndex, openRegistry } from './works.ts';

listen({
  async 'content:check-image'({ imageUrl, pageUrl, pageTitle, site }, sender) {
    // The background is no open fetch proxy: only http(s) URLs, only from our content scripts in tabs.
    if (!isFetchableImageUrl(imageUrl) || sender.tab?.id === undefined) return { status: 'skipped', reason: 'not an http(s) image URL' };
    const verdict = await checkImage(imageUrl);
    if (verdict.status === 'match') {
      const registry = await openRegistry();
      const best = verdict.matches[0];
      const detection = await registry.addDetection({ workId: best.workId, imageUrl, pageUrl, pageTitle, site, distance: best.distance });
      await recordTabMatch(sender.tab.id, detection.id);
    }
    return verdict;
  },

  async 'content:open-notice'({ workId, imageUrl }, sender) {
    const query = new URLSearchParams({ tabId: String(sender.tab!.id), work: workId, image: imageUrl });
    await browser.tabs.create({ url: browser.runtime.getURL(`popup/index.html?${query}`), index: (sender.tab!.index ?? 0) + 1 });
  },

  'options:registry-changed'() {
    invalidateIndex();
    forgetVerdicts();
  },

  async 'popup:tab-detections'({ tabId }) {
    const registry = await openRegistry();
    const detections = await Promise.all((await tabDetectionIds(tabId)).map((id) => registry.getDetection(id)));
    return detections.filter((detection) => detection !== undefined);
  },

  async 'popup:check-page'({ tabId }) {
    // activeTab (granted by opening the popup) lets us inject into any site for this check.
    await browser.scripting.executeScript({ target: { tabId }, files: ['content.js'] });
    return sendToTab(tabId, 'background:scan-page', {});
  },
});

watchTabs();

const CHECK_IMAGE_MENU = 'check-image';

browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.create({ id: CHECK_IMAGE_MENU, title: t('menuCheckImage'), contexts: ['image'] });
});

browser.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== CHECK_IMAGE_MENU || tab?.id === undefined || !info.srcUrl) return;
  await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] });
  await sendToTab(tab.id, 'background:check-image', { imageUrl: info.srcUrl! });
});
