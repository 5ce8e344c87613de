import browser from 'webextension-polyfill';
import type { Detection } from '../../src/registry/schema.ts';
import { t } from '../shared/i18n.ts';
import { loadSiteSettings } from '../shared/site-settings.ts';

const PREFIX = 'detection:';

/** A desktop notification for a new detection, when the user turned them on and granted the permission. */
export async function notifyDetection(detection: Detection, workTitle: string): Promise<void> {
  if (!(await loadSiteSettings()).notifyDetections) return;
  if (!(await browser.permissions.contains({ permissions: ['notifications'] }))) return;
  await browser.notifications.create(`${PREFIX}${detection.id}`, {
    type: 'basic',
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: t('detectionNotificationTitle'),
    message: t('detectionNotificationMessage', [workTitle, new URL(detection.pageUrl).hostname]),
  });
}

let listening = false;

/** Clicking the notification opens the notice editor for that detection. */
function listenForClicks(): void {
  // The API exists only while the optional permission is granted.
  if (listening || !browser.notifications) return;
  listening = true;
  browser.notifications.onClicked.addListener((id) => {
    if (!id.startsWith(PREFIX)) return;
    const detection = id.slice(PREFIX.length);
    void browser.tabs.create({ url: browser.runtime.getURL(`notice/index.html?${new URLSearchParams({ detection })}`) });
    void browser.notifications.clear(id);
  });
}

export function watchDetectionNotifications(): void {
  listenForClicks();
  browser.permissions.onAdded.addListener(listenForClicks);
}
