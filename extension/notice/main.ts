import browser from 'webextension-polyfill';
import { channelFor } from '../../src/notice/channels.ts';
import { CMI_FIELD_LABELS, CMI_STRIPPING_NOTE, detectCmiRemoval, type CmiFinding } from '../../src/notice/cmi.ts';
import { FIELD_LABELS, type FieldId } from '../../src/notice/fields.ts';
import { noticeEml, noticeHtml, noticeMailto, noticeText } from '../../src/notice/render.ts';
import { draftNotice, TEMPLATES, type NoticeDocument, type TemplateId } from '../../src/notice/templates.ts';
import type { Lang, NoticeInput } from '../../src/notice/types.ts';
import type { Detection, Work } from '../../src/registry/schema.ts';
import { Registry } from '../../src/registry/store.ts';
import { sendToBackground } from '../messages.ts';
import { localizePage, t } from '../shared/i18n.ts';
import { caseStatusLabel, download, uiLang } from '../cases/case-ui.ts';
import { draftEvents, moveCase } from '../cases/lifecycle.ts';
import { checklist, initialValues, noticeInput, offersCmi, TEMPLATE_IDS, usesDeadline, usesLicence, type EditorContext, type EditorValues } from './draft.ts';
import { renderChannel } from './channel.ts';

localizePage();
const lang: Lang = uiLang();
const $ = <T extends Element = HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

const form = $<HTMLFormElement>('#fields');
const field = (name: string) => form.elements.namedItem(name) as HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
const acknowledge = $<HTMLInputElement>('#acknowledge');
const finishButton = $<HTMLButtonElement>('[data-action="finish"]');
const output = $('#output');

const registry = await Registry.open();
const detectionId = new URLSearchParams(location.search).get('detection') ?? '';
const found = await registry.getDetection(detectionId);
if (!found) {
  $('#editor-error').textContent = t('editorNoDetection');
  $('#editor-error').hidden = false;
  throw new Error(`No detection ${detectionId}`);
}
let detection: Detection = found;
const work: Work | undefined = await registry.getWork(detection.workId);
const { claimant } = await registry.getSettings();

const context: EditorContext = { detection, work, cmi: undefined, date: new Date().toISOString().slice(0, 10) };
let doc: NoticeDocument;
let input: NoticeInput;
/** Set by "Finish"; outputs stay available only while the draft still has every required field. */
let finished = false;

// --- The match: page-controlled text goes in as text, never as markup. ---
$('#match-heading').textContent = work?.title ?? detection.workId;
$('#fact-page').textContent = detection.pageTitle ? `${detection.pageTitle} — ${detection.pageUrl}` : detection.pageUrl;
$('#fact-image').textContent = detection.imageUrl;
$('#fact-seen').textContent = t('factSeenValue', [detection.firstSeen, String(detection.distance)]);
function showStatus(): void {
  $('#fact-status').textContent = caseStatusLabel(detection);
  $('#fact-status').dataset.status = detection.status;
}
showStatus();
const thumbnail = await registry.getThumbnail(detection.workId);
if (thumbnail) $<HTMLImageElement>('#work-thumb').src = URL.createObjectURL(new Blob([thumbnail.bytes], { type: thumbnail.type }));

// --- The form. ---
const templateSelect = $<HTMLSelectElement>('#template');
for (const id of TEMPLATE_IDS) templateSelect.append(new Option(TEMPLATES[id].title[lang], id));
// The template that suits the site's route: DMCA for US platforms, the Chinese notice for Chinese ones.
const initialTemplate: TemplateId = channelFor(detection.site).template;

const TEXT_FIELDS = [
  'claimant.name',
  'claimant.address',
  'claimant.email',
  'claimant.phone',
  'claimant.signature',
  'onBehalfOf',
  'recipient',
  'work.title',
  'work.creator',
  'work.publicationUrls',
  'copy.pageUrl',
  'copy.imageUrl',
  'copy.account',
  'licence.fee',
  'licence.feeBasis',
  'licence.payment',
  'deadlineDays',
] as const;

function fillForm(values: EditorValues): void {
  templateSelect.value = values.template;
  const flat: Record<(typeof TEXT_FIELDS)[number], string> = {
    'claimant.name': values.claimant.name,
    'claimant.address': values.claimant.address,
    'claimant.email': values.claimant.email,
    'claimant.phone': values.claimant.phone,
    'claimant.signature': values.claimant.signature,
    onBehalfOf: values.onBehalfOf,
    recipient: values.recipient,
    'work.title': values.work.title,
    'work.creator': values.work.creator,
    'work.publicationUrls': values.work.publicationUrls,
    'copy.pageUrl': values.copy.pageUrl,
    'copy.imageUrl': values.copy.imageUrl,
    'copy.account': values.copy.account,
    'licence.fee': values.licence.fee,
    'licence.feeBasis': values.licence.feeBasis,
    'licence.payment': values.licence.payment,
    deadlineDays: values.deadlineDays,
  };
  for (const name of TEXT_FIELDS) field(name).value = flat[name];
  (field('include-cmi') as HTMLInputElement).checked = values.includeCmi;
}

function readForm(): EditorValues {
  const value = (name: (typeof TEXT_FIELDS)[number]) => field(name).value;
  return {
    template: templateSelect.value as TemplateId,
    claimant: {
      name: value('claimant.name'),
      address: value('claimant.address'),
      email: value('claimant.email'),
      phone: value('claimant.phone'),
      signature: value('claimant.signature'),
    },
    onBehalfOf: value('onBehalfOf'),
    recipient: value('recipient'),
    work: { title: value('work.title'), creator: value('work.creator'), publicationUrls: value('work.publicationUrls') },
    copy: { pageUrl: value('copy.pageUrl'), imageUrl: value('copy.imageUrl'), account: value('copy.account') },
    licence: { fee: value('licence.fee'), feeBasis: value('licence.feeBasis'), payment: value('licence.payment') },
    deadlineDays: value('deadlineDays'),
    includeCmi: (field('include-cmi') as HTMLInputElement).checked,
  };
}

/** The form input each required field is typed into, so a missing one can be marked and focused. */
const FIELD_INPUTS: Record<FieldId, string> = {
  'claimant.name': 'claimant.name',
  'claimant.address': 'claimant.address',
  'claimant.email': 'claimant.email',
  'claimant.contact': 'claimant.email',
  'claimant.signature': 'claimant.signature',
  'work.identification': 'work.title',
  'work.proof': 'work.publicationUrls',
  'copy.url': 'copy.pageUrl',
  'licence.fee': 'licence.fee',
  'licence.feeBasis': 'licence.feeBasis',
  'licence.payment': 'licence.payment',
};

function listItem(text: string, className = ''): HTMLLIElement {
  const item = document.createElement('li');
  item.textContent = text;
  if (className) item.className = className;
  return item;
}

function render(): void {
  const values = readForm();
  const template = TEMPLATES[values.template];
  input = noticeInput(values, context);
  doc = draftNotice(values.template, input);

  $('#licence-fields').hidden = !usesLicence(values.template);
  $('#licence-payment-row').hidden = values.template !== 'licence-request';
  $('#deadline-row').hidden = !usesDeadline(values.template);
  $('#include-cmi-row').hidden = !(context.cmi?.removed && offersCmi(values.template));
  $('#include-cmi-label').textContent = t(values.template === 'us-dmca' ? 'includeCmi1202' : values.template === 'cn-notice' ? 'includeCmiCn' : 'includeCmi');

  $('#checklist').replaceChildren(
    ...checklist(doc, input).map(({ element, done }) => {
      const item = listItem('', done ? 'done' : 'todo');
      const mark = document.createElement('span');
      mark.className = 'mark';
      mark.textContent = done ? '✓' : '○';
      mark.setAttribute('aria-label', t(done ? 'elementDone' : 'elementTodo'));
      const label = document.createElement('span');
      label.textContent = element.label[lang];
      const citation = document.createElement('small');
      citation.textContent = element.citation;
      if (element.quote) citation.title = element.quote;
      item.append(mark, label, citation);
      item.dataset.element = element.id;
      return item;
    }),
  );

  for (const name of Object.values(FIELD_INPUTS)) field(name).removeAttribute('aria-invalid');
  $('#notice-missing').replaceChildren(
    ...doc.missing.map((id) => {
      field(FIELD_INPUTS[id]).setAttribute('aria-invalid', 'true');
      const item = listItem('');
      item.dataset.field = id;
      // A button, so the list also takes keyboard users to the field to fill.
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'link';
      go.textContent = t('missingRequired', FIELD_LABELS[id][lang]);
      go.addEventListener('click', () => field(FIELD_INPUTS[id]).focus());
      item.append(go);
      return item;
    }),
  );
  $('#notice-warnings').replaceChildren(...doc.warnings.map((warning) => listItem(warning.message[lang], `warning ${warning.code}`)));
  $('#notice-preview').textContent = noticeText(doc);
  $('#notice-preview').lang = doc.language === 'zh' ? 'zh-Hans' : 'en';

  // What sending a wrong notice can cost, and any doubt about the work's protection, before "Finish".
  $('#finish-warnings').replaceChildren(
    ...[...template.finishWarnings, ...doc.warnings.filter((w) => w.code.startsWith('ai-')).map((w) => w.message)].map((warning) =>
      listItem(warning[lang]),
    ),
  );
  finishButton.disabled = doc.missing.length > 0 || !acknowledge.checked;
  if (doc.missing.length > 0) finished = false;
  output.hidden = !finished;
  if (finished) {
    const mailto = $<HTMLAnchorElement>('#mailto');
    mailto.href = noticeMailto(doc, channelEmail());
  }
  renderChannel($('#channel'), detection.site, input, lang);
}

/** The designated agent's address for the detection's site, when the channel lists one. */
function channelEmail(): string | undefined {
  return $('#channel').dataset.email || undefined;
}

form.addEventListener('input', render);
form.addEventListener('change', render);
acknowledge.addEventListener('change', render);
fillForm(initialValues(initialTemplate, claimant, detection, work));
render();
$('#editor').hidden = false;

// --- CMI: compare the registered original with what the found copy carries, read from its bytes. ---
async function compareCmi(): Promise<CmiFinding | undefined> {
  const foundCmi = await sendToBackground('notice:found-cmi', { detectionId: detection.id }).catch(() => null);
  const finding = detectCmiRemoval(work?.cmi, foundCmi);
  return finding.compared ? finding : undefined;
}

context.cmi = await compareCmi();
if (context.cmi?.removed) {
  const labels = context.cmi.changes.map((change) => CMI_FIELD_LABELS[change.field][lang]).join(lang === 'zh' ? '、' : ', ');
  $('#cmi-finding').textContent = `${t('cmiRemoved', labels)} ${CMI_STRIPPING_NOTE[lang]}`;
  $('#cmi-finding').hidden = false;
}
render();

// --- Finish, then output. ---
const date = () => context.date;
const baseName = () => `${doc.templateId}-notice-${date()}`;

finishButton.addEventListener('click', async () => {
  if (doc.missing.length > 0 || !acknowledge.checked) return;
  detection = await moveCase(registry, detection, draftEvents(detection, doc.templateId, new Date().toISOString()));
  if ((field('remember-claimant') as HTMLInputElement).checked) {
    const { name, address, email, phone, signature } = input.claimant;
    await registry.saveClaimant({ name: name.trim(), address: address.trim(), email: email.trim(), phone: phone.trim(), signature: signature.trim() });
  }
  showStatus();
  finished = true;
  $('#finish-status').textContent = t('finishDone');
  render();
  output.scrollIntoView({ block: 'start' });
});

$('[data-action="copy-all"]').addEventListener('click', async () => {
  await navigator.clipboard.writeText(noticeText(doc));
  $('#finish-status').textContent = t('copied');
});
$('[data-action="download-txt"]').addEventListener('click', () => download(`${baseName()}.txt`, new Blob([noticeText(doc)], { type: 'text/plain;charset=utf-8' })));
$('[data-action="download-html"]').addEventListener('click', () => download(`${baseName()}.html`, new Blob([noticeHtml(doc)], { type: 'text/html;charset=utf-8' })));
$('[data-action="download-eml"]').addEventListener('click', () => {
  const eml = noticeEml(doc, { from: { name: input.claimant.name, email: input.claimant.email }, to: channelEmail(), date: new Date() });
  download(`${baseName()}.eml`, new Blob([eml], { type: 'message/rfc822' }));
});

// --- Evidence: screenshot on demand, then the pack. ---
async function showScreenshotState(): Promise<void> {
  const state = $('#screenshot-state');
  const screenshot = detection.screenshotId ? await registry.getScreenshot(detection.screenshotId) : undefined;
  if (!screenshot) {
    state.textContent = t('screenshotNone');
    return;
  }
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([screenshot.bytes], { type: screenshot.type }));
  link.target = '_blank';
  link.textContent = t('screenshotTaken', screenshot.capturedAt);
  state.replaceChildren(link);
}
await showScreenshotState();

let capturesEverywhere = await browser.permissions.contains({ origins: ['<all_urls>'] });
$('[data-action="capture-page"]').addEventListener('click', async () => {
  const status = $('#evidence-status');
  // Asked inside the click (browsers refuse a request made later) and only while not held; without it,
  // activeTab from the toolbar button may still cover the page's tab.
  const asked = capturesEverywhere ? Promise.resolve(true) : browser.permissions.request({ origins: ['<all_urls>'] }).catch(() => false);
  status.classList.remove('error');
  status.textContent = t('capturing');
  capturesEverywhere = await asked;
  const result = await sendToBackground('notice:capture-page', { detectionId: detection.id });
  if (!result.ok) {
    status.classList.add('error');
    status.textContent = t(`captureFailed_${result.reason.replace('-', '_')}`);
    return;
  }
  detection = (await registry.getDetection(detection.id)) ?? detection;
  status.textContent = '';
  await showScreenshotState();
});

$('[data-action="evidence-pack"]').addEventListener('click', async (event) => {
  const button = event.currentTarget as HTMLButtonElement;
  const status = $('#evidence-status');
  button.disabled = true;
  status.classList.remove('error');
  status.textContent = t('evidenceBuilding');
  try {
    const pack = await sendToBackground('notice:evidence-pack', { detectionId: detection.id, notice: { text: noticeText(doc), html: noticeHtml(doc) } });
    const bytes = Uint8Array.from(atob(pack.zip), (char) => char.charCodeAt(0));
    download(`evidence-${date()}-${pack.sha256.slice(0, 8)}.zip`, new Blob([bytes], { type: 'application/zip' }));
    status.textContent = t('evidenceDone', pack.sha256);
  } catch (error) {
    status.classList.add('error');
    status.textContent = t('evidenceFailed', (error as Error).message);
  } finally {
    button.disabled = false;
  }
});

// --- Mark as sent: when and through which channel. ---
const sentForm = $<HTMLFormElement>('#sent-form');
const sentInput = (name: string) => sentForm.elements.namedItem(name) as HTMLInputElement;
sentInput('sent-date').value = date();
sentInput('sent-channel').value = detection.sent.at(-1)?.channel ?? ($('#channel').dataset.route || '');
sentForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const day = sentInput('sent-date').value;
  // Today keeps the time of day; another day is recorded at its start, UTC.
  const at = day === date() ? new Date().toISOString() : `${day}T00:00:00.000Z`;
  try {
    detection = await moveCase(registry, detection, [{ type: 'send', at, channel: sentInput('sent-channel').value.trim() }]);
    showStatus();
    $('#sent-status').textContent = t('sentDone');
  } catch (error) {
    $('#sent-status').textContent = (error as Error).message;
  }
});
