import browser from 'webextension-polyfill';
import { FIELD_LABELS } from '../../src/notice/fields.ts';
import { noticeText } from '../../src/notice/render.ts';
import { draftNotice } from '../../src/notice/templates.ts';
import { CMI_FIELD_LABELS, detectCmiRemoval } from '../../src/notice/cmi.ts';
import type { Detection, Work } from '../../src/registry/schema.ts';
import { Registry } from '../../src/registry/store.ts';
import { listen, sendToBackground } from '../messages.ts';
import { localizePage, t } from '../shared/i18n.ts';
import { caseStatusLabel, openEditor, uiLang } from '../cases/case-ui.ts';
import { initialValues, noticeInput } from '../notice/draft.ts';

localizePage();
const params = new URLSearchParams(location.search);
const registry = await Registry.open();

/** The tab this popup acts on: the active one, or the one named in `?tabId=` (opened from a marker). */
async function targetTabId(): Promise<number> {
  if (params.has('tabId')) return Number(params.get('tabId'));
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab.id!;
}
const tabId = await targetTabId();

const matchesList = document.querySelector<HTMLUListElement>('#matches')!;
const matchesEmpty = document.querySelector<HTMLElement>('#matches-empty')!;
const matchTemplate = document.querySelector<HTMLTemplateElement>('#match-item')!;
const checkButton = document.querySelector<HTMLButtonElement>('[data-action="check-page"]')!;
const checkStatus = document.querySelector<HTMLElement>('#check-status')!;
const noticeSection = document.querySelector<HTMLElement>('#notice')!;
const noticeArea = document.querySelector<HTMLTextAreaElement>('#notice-text')!;
const noticeMissing = document.querySelector<HTMLUListElement>('#notice-missing')!;
const noticeStatus = document.querySelector<HTMLElement>('#notice-status')!;

async function matchItem(detection: Detection): Promise<HTMLLIElement> {
  const item = matchTemplate.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
  const work = await registry.getWork(detection.workId);
  const thumbnail = await registry.getThumbnail(detection.workId);
  item.dataset.workId = detection.workId;
  item.querySelector('.title')!.textContent = work?.title ?? detection.workId;
  item.querySelector('.meta')!.textContent = t('matchMeta', [new URL(detection.imageUrl).hostname, String(detection.distance)]);
  if (thumbnail) item.querySelector('img')!.src = URL.createObjectURL(new Blob([thumbnail.bytes], { type: thumbnail.type }));
  const draft = item.querySelector<HTMLButtonElement>('[data-action="draft-notice"]')!;
  draft.textContent = t('draftNotice');
  draft.addEventListener('click', () => void showNotice(detection));
  item.querySelector('.case-status')!.textContent = caseStatusLabel(detection);
  item.dataset.status = detection.status;
  item.dataset.detectionId = detection.id;
  const editor = item.querySelector<HTMLButtonElement>('[data-action="open-editor"]')!;
  editor.textContent = t('openEditor');
  editor.addEventListener('click', () => void openEditor(detection.id));
  void showCmiFinding(item, detection, work);
  return item;
}

/** Says so on the match when the copy lacks CMI the registered original carries (read from its bytes). */
async function showCmiFinding(item: HTMLElement, detection: Detection, work: Work | undefined): Promise<void> {
  const found = await sendToBackground('popup:found-cmi', { detectionId: detection.id }).catch(() => null);
  const finding = detectCmiRemoval(work?.cmi, found);
  if (!finding.removed) return;
  const lang = uiLang();
  const line = item.querySelector<HTMLElement>('.cmi-finding')!;
  line.textContent = t('cmiRemoved', finding.changes.map((change) => CMI_FIELD_LABELS[change.field][lang]).join(lang === 'zh' ? '、' : ', '));
  line.hidden = false;
}

async function renderMatches(): Promise<Detection[]> {
  const detections = await sendToBackground('popup:tab-detections', { tabId });
  matchesList.replaceChildren(...(await Promise.all(detections.map(matchItem))));
  matchesEmpty.hidden = detections.length > 0;
  return detections;
}

let noticeFileName = '';

/** The quick US DMCA draft: the editor's template with the values it would start from. */
async function showNotice(detection: Detection): Promise<void> {
  const work = await registry.getWork(detection.workId);
  const { claimant } = await registry.getSettings();
  const date = new Date().toISOString().slice(0, 10);
  const input = noticeInput(initialValues('us-dmca', claimant, detection, work), { detection, work, cmi: undefined, date });
  const notice = draftNotice('us-dmca', input);
  noticeArea.value = noticeText(notice);
  noticeFileName = `dmca-notice-${date}.txt`;
  const lang = uiLang();
  noticeMissing.replaceChildren(
    ...notice.missing.map((field) => {
      const item = document.createElement('li');
      item.textContent = t('missingField', FIELD_LABELS[field][lang]);
      return item;
    }),
  );
  noticeStatus.textContent = '';
  noticeSection.hidden = false;
  noticeSection.scrollIntoView({ block: 'nearest' });
}

document.querySelector('[data-action="copy-notice"]')!.addEventListener('click', async () => {
  await navigator.clipboard.writeText(noticeArea.value);
  noticeStatus.textContent = t('copied');
});

document.querySelector('[data-action="download-notice"]')!.addEventListener('click', () => {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([noticeArea.value], { type: 'text/plain;charset=utf-8' }));
  link.download = noticeFileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
});

document.querySelector('[data-action="open-options"]')!.addEventListener('click', () => void browser.runtime.openOptionsPage());
document.querySelector('[data-action="open-cases"]')!.addEventListener('click', () => void browser.tabs.create({ url: browser.runtime.getURL('cases/index.html') }));

listen({
  'content:scan-progress'(progress, sender) {
    if (sender.tab?.id !== tabId) return;
    checkStatus.textContent = t('checkProgress', [String(progress.checked), String(progress.total), String(progress.matched)]);
  },
});

checkButton.addEventListener('click', async () => {
  checkButton.disabled = true;
  checkStatus.classList.remove('error');
  checkStatus.textContent = t('checking');
  try {
    const result = await sendToBackground('popup:check-page', { tabId });
    checkStatus.textContent = t('checkDone', [String(result.checked), String(result.matched)]);
    await renderMatches();
  } catch (error) {
    checkStatus.classList.add('error');
    checkStatus.textContent = t('checkFailed', (error as Error).message);
  } finally {
    checkButton.disabled = false;
  }
});

const detections = await renderMatches();
// Opened from a marker: "Review" shows that match in the tab's list; otherwise go straight to its notice.
const requested = detections.find((d) => d.workId === params.get('work') && d.imageUrl === params.get('image'));
if (requested && params.get('review') === '1') {
  const item = matchesList.children[detections.indexOf(requested)] as HTMLElement | undefined;
  item?.classList.add('requested');
  item?.scrollIntoView({ block: 'nearest' });
} else if (requested) await showNotice(requested);
