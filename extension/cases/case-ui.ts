import browser from 'webextension-polyfill';
import type { Lang } from '../../src/notice/types.ts';
import type { Detection } from '../../src/registry/schema.ts';
import { t } from '../shared/i18n.ts';

/** Notices and legal labels come in English and Chinese; the UI language picks which to show. */
export function uiLang(): Lang {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** A status in words, with the last sending's date and channel once sent. */
export function caseStatusLabel(detection: Detection): string {
  const last = detection.sent.at(-1);
  if (detection.status === 'sent' && last) return t('statusSentDetail', [last.at.slice(0, 10), last.channel]);
  return t(`status_${detection.status}`);
}

/** Saves a blob under a fixed file name through a temporary link (no downloads permission needed). */
export function download(fileName: string, blob: Blob): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

/** The notice editor for one detection, in a tab next to `index` when given. */
export async function openEditor(detectionId: string, index?: number): Promise<void> {
  const url = browser.runtime.getURL(`notice/index.html?${new URLSearchParams({ detection: detectionId })}`);
  await browser.tabs.create({ url, ...(index === undefined ? {} : { index }) });
}
