import browser from 'webextension-polyfill';
import { transition, type Case, type CaseEvent } from '../../src/notice/cases.ts';
import type { TemplateId } from '../../src/notice/templates.ts';
import type { Lang } from '../../src/notice/types.ts';
import type { Detection } from '../../src/registry/schema.ts';
import type { Registry } from '../../src/registry/store.ts';
import { t } from '../shared/i18n.ts';

/** Notices and legal labels come in English and Chinese; the UI language picks which to show. */
export function uiLang(): Lang {
  return browser.i18n.getUILanguage().toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

/** The case a detection is, as src/notice/cases.ts sees it. */
export function caseOf(detection: Detection, workTitle?: string): Case {
  return { ...detection, createdAt: detection.firstSeen, ...(workTitle ? { workTitle } : {}) };
}

/** Applies case events in order and stores the result; throws when the lifecycle refuses a move. */
export async function moveCase(registry: Registry, detection: Detection, events: CaseEvent[]): Promise<Detection> {
  let current = caseOf(detection);
  for (const event of events) {
    const result = transition(current, event);
    if (!result.ok) throw new Error(result.error);
    current = result.case;
  }
  return registry.saveCase(detection.id, current);
}

/**
 * The events that take a case to "notice drafted" from where it is: a new case is reviewed first,
 * a closed one reopened. A case already sent stays sent: a redraft does not undo that.
 */
export function draftEvents(detection: Detection, templateId: TemplateId, at: string): CaseEvent[] {
  switch (detection.status) {
    case 'new':
      return [{ type: 'review', at }, { type: 'draft', at, templateId }];
    case 'reviewed':
    case 'drafted':
      return [{ type: 'draft', at, templateId }];
    case 'dismissed':
    case 'allowed':
    case 'resolved':
      return [{ type: 'reopen', at }, { type: 'draft', at, templateId }];
    case 'sent':
      return [];
  }
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
