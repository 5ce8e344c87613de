import browser, { type Tabs } from 'webextension-polyfill';
import type { CaptureFailure } from '../messages.ts';
import { tabDetectionIds } from './tab-matches.ts';
import { openRegistry } from './works.ts';

/** Time for a tab brought to the front to paint before it is captured. */
const PAINT_MS = 400;
/** Chrome allows two captures a second; detections come in bursts on a feed. */
const CAPTURE_GAP_MS = 600;

let queue = Promise.resolve();

function serialised<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(work);
  queue = run.then(
    () => new Promise((resolve) => setTimeout(resolve, CAPTURE_GAP_MS)),
    () => new Promise((resolve) => setTimeout(resolve, CAPTURE_GAP_MS)),
  );
  return run;
}

async function pngBytes(dataUrl: string): Promise<ArrayBuffer> {
  return (await fetch(dataUrl)).arrayBuffer();
}

/** Captures what `tab` shows, bringing it to the front for the moment of the capture if it is behind. */
function captureTab(tab: Tabs.Tab, bringToFront: boolean): Promise<ArrayBuffer> {
  return serialised(async () => {
    const [front] = await browser.tabs.query({ active: true, windowId: tab.windowId });
    const switched = bringToFront && front?.id !== tab.id;
    if (!switched && front?.id !== tab.id) throw new Error('tab not visible');
    if (switched) {
      await browser.tabs.update(tab.id, { active: true });
      await new Promise((resolve) => setTimeout(resolve, PAINT_MS));
    }
    try {
      return await pngBytes(await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }));
    } finally {
      if (switched && front?.id !== undefined) await browser.tabs.update(front.id, { active: true }).catch(() => undefined);
    }
  });
}

/** The open tab that found the detection and still shows the page (tab lists reset on navigation). */
async function tabShowing(detectionId: string): Promise<Tabs.Tab | undefined> {
  for (const tab of await browser.tabs.query({})) {
    if (tab.id !== undefined && (await tabDetectionIds(tab.id)).includes(detectionId)) return tab;
  }
  return undefined;
}

/** The editor's "Take screenshot": the page the copy was found on, while its tab is open. */
export async function capturePage(detectionId: string): Promise<{ ok: true; screenshotId: string } | { ok: false; reason: CaptureFailure }> {
  const tab = await tabShowing(detectionId);
  if (!tab) return { ok: false, reason: 'tab-closed' };
  try {
    const bytes = await captureTab(tab, true);
    const screenshot = await (await openRegistry()).addScreenshot(detectionId, { type: 'image/png', bytes });
    return { ok: true, screenshotId: screenshot.id };
  } catch (error) {
    return { ok: false, reason: /permission|activeTab|all_urls/i.test(String(error)) ? 'no-permission' : 'failed' };
  }
}

/**
 * With the opt-in on, a new detection on the tab in front is captured right away. Best effort:
 * without the permission, or with the tab behind others, the editor can still take one later.
 */
export async function captureAtDetection(tab: Tabs.Tab, detectionId: string): Promise<void> {
  const registry = await openRegistry();
  const [{ screenshotAtDetection }, detection] = await Promise.all([registry.getSettings(), registry.getDetection(detectionId)]);
  if (!screenshotAtDetection || !tab.active || !detection || detection.screenshotId) return;
  try {
    await registry.addScreenshot(detectionId, { type: 'image/png', bytes: await captureTab(tab, false) });
  } catch {
    // No permission or the tab went behind: nothing captured, nothing to report.
  }
}
