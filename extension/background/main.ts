import browser, { type Runtime } from 'webextension-polyfill';
import { listen, sendToTab, type MessageMap, type Verdict } from '../messages.ts';
import { t } from '../shared/i18n.ts';
import { recordTabMatch, tabDetectionIds, watchTabs } from './tab-matches.ts';
import { checkImage, forgetVerdicts } from './check.ts';
import { isFetchableImageUrl } from './fetch-image.ts';
import { invalidateIndex, openRegistry } from './works.ts';
import { evidencePack, foundCmi } from './evidence.ts';
import { captureAtDetection, capturePage } from './screenshot.ts';
import { watchSiteScripts } from './site-scripts.ts';
import { serveCheckImagePort } from './check-port.ts';
import { setupRegisterMenu } from './register-menu.ts';
import { notifyDetection, watchDetectionNotifications } from './notify-detection.ts';

/** A content script reports an image, by message or over its check-image port. */
async function checkFromContent(
  { imageUrl, pageUrl, pageTitle, site }: MessageMap['content:check-image']['payload'],
  sender: Runtime.MessageSender,
): Promise<Verdict> {
  // The background is no open fetch proxy: only http(s) URLs, only from our content scripts in tabs.
  if (!isFetchableImageUrl(imageUrl) || sender.tab?.id === undefined) return { status: 'skipped', reason: 'not an http(s) image URL' };
  const verdict = await checkImage(imageUrl);
  if (verdict.status === 'match') {
    const registry = await openRegistry();
    const best = verdict.matches[0];
    const { detection, added } = await registry.addDetection({ workId: best.workId, imageUrl, pageUrl, pageTitle, site, distance: best.distance });
    await recordTabMatch(sender.tab.id, detection.id);
    void captureAtDetection(sender.tab, detection.id);
    if (added) void notifyDetection(detection, best.title);
  }
  return verdict;
}

listen({
  'content:check-image': checkFromContent,

  async 'content:open-notice'({ workId, imageUrl, review }, sender) {
    const index = (sender.tab!.index ?? 0) + 1;
    if (review) {
      const query = new URLSearchParams({ tabId: String(sender.tab!.id), work: workId, image: imageUrl, review: '1' });
      await browser.tabs.create({ url: browser.runtime.getURL(`popup/index.html?${query}`), index });
      return;
    }
    // "Draft notice" opens the editor; the tab's own list says which detection the marker is.
    const registry = await openRegistry();
    for (const id of await tabDetectionIds(sender.tab!.id!)) {
      const detection = await registry.getDetection(id);
      if (detection?.workId !== workId || detection.imageUrl !== imageUrl) continue;
      await browser.tabs.create({ url: browser.runtime.getURL(`notice/index.html?${new URLSearchParams({ detection: id })}`), index });
      return;
    }
  },

  'notice:found-cmi'({ detectionId }) {
    return foundCmi(detectionId);
  },

  'popup:found-cmi'({ detectionId }) {
    return foundCmi(detectionId);
  },

  'notice:capture-page'({ detectionId }) {
    return capturePage(detectionId);
  },

  'notice:evidence-pack'({ detectionId, notice }) {
    return evidencePack(detectionId, notice);
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
watchDetectionNotifications();
watchSiteScripts();
serveCheckImagePort(checkFromContent);
setupRegisterMenu();

const CHECK_IMAGE_MENU = 'check-image';

browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.create({ id: CHECK_IMAGE_MENU, title: t('menuCheckImage'), contexts: ['image'] });
});

browser.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== CHECK_IMAGE_MENU || tab?.id === undefined || !info.srcUrl) return;
  await browser.scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] });
  await sendToTab(tab.id, 'background:check-image', { imageUrl: info.srcUrl! });
});
