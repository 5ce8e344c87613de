import browser from 'webextension-polyfill';
import { casesToCsv, transition, type CaseEvent, type CaseOutcome, type CaseStatus } from '../../src/notice/cases.ts';
import { siteName } from '../../src/notice/sites.ts';
import type { Detection, Work } from '../../src/registry/schema.ts';
import { Registry } from '../../src/registry/store.ts';
import { localizePage, t } from '../shared/i18n.ts';
import { caseStatusLabel, download, openEditor } from './case-ui.ts';
import { caseOf, moveCase } from './lifecycle.ts';

localizePage();
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;
const registry = await Registry.open();

const STATUSES: CaseStatus[] = ['new', 'reviewed', 'dismissed', 'allowed', 'drafted', 'sent', 'resolved'];
const OUTCOMES: CaseOutcome[] = ['removed', 'licensed', 'refused', 'no-response', 'withdrawn'];

const filters = $<HTMLFormElement>('#filters');
const filter = (name: string) => filters.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;
const rows = $<HTMLTableSectionElement>('#cases tbody');
const dialog = $<HTMLDialogElement>('#case-dialog');
const dialogForm = dialog.querySelector('form')!;
const dialogField = (name: string) => dialogForm.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement;

let detections: Detection[] = [];
const works = new Map<string, Work>();
const thumbnails = new Map<string, string>();
const screenshots = new Map<string, string>();

async function load(): Promise<void> {
  detections = (await registry.listDetections()).sort((a, b) => b.firstSeen.localeCompare(a.firstSeen));
  for (const work of await registry.listWorks()) works.set(work.id, work);
}

async function thumbnailUrl(workId: string): Promise<string> {
  if (!thumbnails.has(workId)) {
    const thumbnail = await registry.getThumbnail(workId);
    thumbnails.set(workId, thumbnail ? URL.createObjectURL(new Blob([thumbnail.bytes], { type: thumbnail.type })) : '');
  }
  return thumbnails.get(workId)!;
}

async function screenshotUrl(id: string): Promise<string> {
  if (!screenshots.has(id)) {
    const screenshot = await registry.getScreenshot(id);
    screenshots.set(id, screenshot ? URL.createObjectURL(new Blob([screenshot.bytes], { type: screenshot.type })) : '');
  }
  return screenshots.get(id)!;
}

function option(value: string, label: string): HTMLOptionElement {
  return new Option(label, value);
}

function fillFilterOptions(): void {
  const keep = (name: string) => filter(name).value;
  const [status, site, work] = [keep('status'), keep('site'), keep('work')];
  filter('status').replaceChildren(option('', t('filterAll')), ...STATUSES.map((s) => option(s, t(`status_${s}`))));
  const sites = [...new Set(detections.map((d) => d.site))].sort();
  filter('site').replaceChildren(option('', t('filterAll')), ...sites.map((s) => option(s, siteName(s) || s)));
  const workIds = [...new Set(detections.map((d) => d.workId))];
  filter('work').replaceChildren(option('', t('filterAll')), ...workIds.map((id) => option(id, works.get(id)?.title ?? id)));
  filter('status').value = status;
  filter('site').value = site;
  filter('work').value = work;
}

/** Detections passing the filters; dates compare the UTC day a copy was first seen. */
function filtered(): Detection[] {
  const [status, site, work, from, to] = ['status', 'site', 'work', 'from', 'to'].map((name) => filter(name).value);
  return detections.filter((d) => {
    const day = d.firstSeen.slice(0, 10);
    return (!status || d.status === status) && (!site || d.site === site) && (!work || d.workId === work) && (!from || day >= from) && (!to || day <= to);
  });
}

type Action = 'review' | 'dismiss' | 'allow' | 'send' | 'resolve' | 'reopen';
const ACTIONS: Action[] = ['review', 'dismiss', 'allow', 'send', 'resolve', 'reopen'];

/** A stand-in event per action, only to ask the lifecycle whether the move is open from here. */
function probe(action: Action, detection: Detection): CaseEvent {
  const at = new Date().toISOString();
  switch (action) {
    case 'allow':
      return { type: 'allow', at, allowance: { site: detection.site } };
    case 'send':
      return { type: 'send', at, channel: '-' };
    case 'resolve':
      return { type: 'resolve', at, outcome: 'removed' };
    default:
      return { type: action, at };
  }
}

function text(tag: string, className: string, value: string): HTMLElement {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = value;
  return element;
}

async function row(detection: Detection): Promise<HTMLTableRowElement> {
  const tr = document.createElement('tr');
  tr.dataset.detectionId = detection.id;
  tr.dataset.status = detection.status;

  const workCell = document.createElement('td');
  const workBox = document.createElement('div');
  workBox.className = 'work-cell';
  const thumb = document.createElement('img');
  thumb.className = 'thumb';
  thumb.alt = '';
  thumb.src = await thumbnailUrl(detection.workId);
  workBox.append(thumb, text('span', 'work-title', works.get(detection.workId)?.title ?? detection.workId));
  workCell.append(workBox);

  // Page titles and URLs come from the page: text only.
  const copyCell = document.createElement('td');
  copyCell.className = 'copy';
  copyCell.append(
    text('div', 'page-title', detection.pageTitle),
    text('div', 'url page-url', detection.pageUrl),
    text('div', 'url image-url', detection.imageUrl),
  );

  const siteCell = text('td', 'site', siteName(detection.site) || detection.site);
  const foundCell = document.createElement('td');
  foundCell.append(text('div', 'found-at', `${detection.firstSeen.replace('T', ' ').slice(0, 19)} UTC`), text('div', 'hint', t('distanceValue', String(detection.distance))));
  if (detection.screenshotId) {
    const url = await screenshotUrl(detection.screenshotId);
    if (url) {
      const link = text('a', 'screenshot-link', t('screenshotLink')) as HTMLAnchorElement;
      link.href = url;
      link.target = '_blank';
      foundCell.append(link);
    }
  }

  const statusCell = document.createElement('td');
  statusCell.className = 'status-cell';
  statusCell.append(text('div', 'status-label', caseStatusLabel(detection)));
  if (detection.allowance) statusCell.append(text('div', 'hint', [detection.allowance.site, detection.allowance.account].filter(Boolean).join(' / ')));
  if (detection.resolution) statusCell.append(text('div', 'hint', t(`outcome_${detection.resolution.outcome.replace('-', '_')}`)));

  const actionsCell = document.createElement('td');
  const actions = document.createElement('div');
  actions.className = 'case-actions';
  const editor = text('button', '', t('openEditor')) as HTMLButtonElement;
  editor.type = 'button';
  editor.dataset.action = 'open-editor';
  editor.addEventListener('click', () => void openEditor(detection.id));
  actions.append(editor);
  for (const action of ACTIONS) {
    if (!transition(caseOf(detection), probe(action, detection)).ok) continue;
    const button = text('button', 'secondary', t(`caseAction_${action}`)) as HTMLButtonElement;
    button.type = 'button';
    button.dataset.action = action;
    button.addEventListener('click', () => void act(action, detection));
    actions.append(button);
  }
  actionsCell.append(actions);

  tr.append(workCell, copyCell, siteCell, foundCell, statusCell, actionsCell);
  return tr;
}

async function render(): Promise<void> {
  const shown = filtered();
  rows.replaceChildren(...(await Promise.all(shown.map(row))));
  $('#cases-count').textContent = t('casesCount', [String(shown.length), String(detections.length)]);
  $('#cases-empty').hidden = shown.length > 0;
}

/** Asks what the move needs (account, date and channel, outcome, note), then applies it. */
async function act(action: Action, detection: Detection): Promise<void> {
  const at = new Date().toISOString();
  if (action === 'review' || action === 'reopen') {
    await moveCase(registry, detection, [{ type: action, at }]);
    await refresh();
    return;
  }
  dialogForm.reset();
  $('#dialog-heading').textContent = t(`caseAction_${action}`);
  $('#dialog-error').textContent = '';
  for (const label of dialogForm.querySelectorAll<HTMLElement>('[data-for]')) label.hidden = !label.dataset.for!.split(' ').includes(action);
  dialogField('date').value = at.slice(0, 10);
  dialogField('channel').value = detection.sent.at(-1)?.channel ?? '';
  dialog.showModal();
  dialog.onclose = async () => {
    if (dialog.returnValue !== 'confirm') return;
    const value = (name: string) => dialogField(name).value.trim();
    const day = value('date');
    const event: CaseEvent =
      action === 'allow'
        ? { type: 'allow', at, allowance: { site: detection.site, ...(value('account') ? { account: value('account') } : {}), ...(value('note') ? { note: value('note') } : {}) } }
        : action === 'dismiss'
          ? { type: 'dismiss', at, ...(value('note') ? { reason: value('note') } : {}) }
          : action === 'send'
            ? { type: 'send', at: day === at.slice(0, 10) ? at : `${day}T00:00:00.000Z`, channel: value('channel') }
            : { type: 'resolve', at, outcome: value('outcome') as CaseOutcome, ...(value('note') ? { note: value('note') } : {}) };
    try {
      await moveCase(registry, detection, [event]);
      await refresh();
    } catch (error) {
      $('#dialog-error').textContent = (error as Error).message;
      dialog.showModal();
    }
  };
}

async function refresh(): Promise<void> {
  await load();
  fillFilterOptions();
  await render();
}

dialogField('outcome').replaceChildren(...OUTCOMES.map((o) => option(o, t(`outcome_${o.replace('-', '_')}`))));
filters.addEventListener('input', () => void render());
filters.addEventListener('change', () => void render());
$('[data-action="export-csv"]').addEventListener('click', () => {
  const csv = casesToCsv(filtered().map((d) => caseOf(d, works.get(d.workId)?.title)));
  download(`reuse-radar-cases-${new Date().toISOString().slice(0, 10)}.csv`, new Blob([csv], { type: 'text/csv;charset=utf-8' }));
});
// The opt-in needs <all_urls> (captureVisibleTab); asked inside the click, as browsers require.
// Turning it off keeps the grant: removing <all_urls> would also take away sites granted elsewhere.
const screenshotSetting = $<HTMLInputElement>('input[name="screenshot-at-detection"]');
screenshotSetting.checked = (await registry.getSettings()).screenshotAtDetection;
screenshotSetting.addEventListener('change', async () => {
  const on = screenshotSetting.checked;
  const granted = on ? await browser.permissions.request({ origins: ['<all_urls>'] }).catch(() => false) : false;
  screenshotSetting.checked = on && granted;
  await registry.saveScreenshotAtDetection(screenshotSetting.checked);
});
$('[data-action="open-options"]').addEventListener('click', () => void browser.runtime.openOptionsPage());
// Cases change in other tabs too (the editor, the popup); show them when this tab comes back.
document.addEventListener('visibilitychange', () => {
  if (document.visibilityState === 'visible') void refresh();
});
await refresh();
