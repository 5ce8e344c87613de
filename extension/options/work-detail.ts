import type { Authorship, EditStep, EvidenceFile, PromptRevision, ToolUse, Work } from '../../src/registry/schema.ts';
import type { Registry, WorkPatch } from '../../src/registry/store.ts';
import { evidenceFile } from '../../src/registry/work.ts';
import { t } from '../shared/i18n.ts';
import { registryChanged } from './events.ts';
import { CMI_FIELDS, formatBytes } from './work-facts.ts';

/** Process files are hashed in memory here: larger ones are refused with a message. */
const MAX_EVIDENCE_BYTES = 1024 * 1024 * 1024;

type FieldKind = 'text' | 'textarea' | 'select';
interface FieldSpec {
  name: string;
  label: string;
  kind: FieldKind;
  options?: readonly string[];
  placeholder?: string;
}

/** The repeatable parts of the authorship record: one row per tool, prompt revision or edit. */
const LISTS = {
  tools: [
    { name: 'name', label: 'toolName', kind: 'text' },
    { name: 'version', label: 'toolVersion', kind: 'text' },
    { name: 'kind', label: 'toolKind', kind: 'select', options: ['software', 'model', 'hardware', 'other'] },
  ],
  prompts: [
    { name: 'prompt', label: 'promptText', kind: 'textarea' },
    { name: 'negativePrompt', label: 'negativePrompt', kind: 'textarea' },
    { name: 'at', label: 'when', kind: 'text', placeholder: 'datePlaceholder' },
    { name: 'note', label: 'promptNote', kind: 'text' },
  ],
  edits: [
    { name: 'description', label: 'editDescription', kind: 'text' },
    { name: 'tool', label: 'editTool', kind: 'text' },
    { name: 'at', label: 'when', kind: 'text', placeholder: 'datePlaceholder' },
  ],
} as const satisfies Record<string, readonly FieldSpec[]>;
type ListName = keyof typeof LISTS;

class InvalidField extends Error {
  constructor(
    readonly field: HTMLElement,
    message: string,
  ) {
    super(message);
  }
}

/** The × that removes a row of a list in the form. */
function removeButton(onClick: () => void): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'icon';
  button.textContent = '×';
  button.title = t('removeRow');
  button.setAttribute('aria-label', t('removeRow'));
  button.addEventListener('click', onClick);
  return button;
}

function parameterValue(text: string): string | number | boolean {
  if (text === 'true' || text === 'false') return text === 'true';
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(text) && Number.isFinite(Number(text)) && String(Number(text)) === text) return Number(text);
  return text;
}

/**
 * The detail view of one work, in a dialog: the creator-editable fields and the authorship
 * record (saved with `updateWork`), and the CMI found in the file at registration, read-only.
 */
export function mountWorkDetail(registry: Registry, remove: (ids: string[]) => Promise<void>): (id: string) => Promise<void> {
  const dialog = document.querySelector<HTMLDialogElement>('#work-detail')!;
  const form = dialog.querySelector<HTMLFormElement>('#work-form')!;
  const heading = dialog.querySelector<HTMLElement>('#detail-heading')!;
  const facts = dialog.querySelector<HTMLElement>('.detail-facts')!;
  const thumb = dialog.querySelector<HTMLImageElement>('.detail-thumb')!;
  const cmiList = dialog.querySelector<HTMLDListElement>('#detail-cmi')!;
  const evidenceList = dialog.querySelector<HTMLUListElement>('#evidence-list')!;
  const evidenceInput = dialog.querySelector<HTMLInputElement>('input[name="add-evidence"]')!;
  const status = dialog.querySelector<HTMLElement>('#detail-status')!;
  const field = <T extends HTMLElement = HTMLInputElement>(name: string) => form.elements.namedItem(name) as unknown as T;
  const lang = document.documentElement.lang;

  let work: Work | undefined;
  let evidence: EvidenceFile[] = [];
  let thumbUrl = '';

  // ------------------------------------------------------------------ repeatable rows

  function addRow(list: ListName, value: Record<string, string> = {}): HTMLLIElement {
    const rows = form.querySelector<HTMLOListElement>(`[data-list="${list}"] .rows`)!;
    const row = document.createElement('li');
    row.className = `row-edit ${list}`;
    for (const spec of LISTS[list] as readonly FieldSpec[]) {
      const label = document.createElement('label');
      const caption = document.createElement('span');
      caption.textContent = t(spec.label);
      let input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
      if (spec.kind === 'select') {
        input = document.createElement('select');
        for (const option of spec.options ?? []) input.append(new Option(t(`toolKind_${option}`), option));
      } else if (spec.kind === 'textarea') {
        input = document.createElement('textarea');
        input.rows = 2;
      } else {
        input = document.createElement('input');
        input.type = 'text';
      }
      if (spec.placeholder && !(input instanceof HTMLSelectElement)) input.placeholder = t(spec.placeholder);
      input.dataset.field = spec.name;
      input.value = value[spec.name] ?? (spec.options?.[0] ?? '');
      label.append(caption, input);
      row.append(label);
    }
    row.append(removeButton(() => row.remove()));
    rows.append(row);
    return row;
  }

  function rowsOf(list: ListName): Array<Record<string, string> & { element: HTMLElement }> {
    return [...form.querySelectorAll<HTMLLIElement>(`[data-list="${list}"] .rows > li`)].map((row) => {
      const values: Record<string, string> & { element: HTMLElement } = { element: row } as never;
      for (const input of row.querySelectorAll<HTMLInputElement>('[data-field]')) values[input.dataset.field!] = input.value.trim();
      return values;
    });
  }

  form.addEventListener('click', (event) => {
    const button = (event.target as HTMLElement).closest<HTMLElement>('[data-action="add-row"]');
    if (!button) return;
    const row = addRow(button.closest<HTMLElement>('[data-list]')!.dataset.list as ListName);
    row.querySelector<HTMLElement>('[data-field]')?.focus();
  });

  // ------------------------------------------------------------------ evidence

  function renderEvidence(): void {
    evidenceList.replaceChildren(
      ...evidence.map((file, i) => {
        const item = document.createElement('li');
        item.className = 'evidence-item';
        const name = document.createElement('span');
        name.className = 'ellipsis grow';
        name.textContent = `${file.name} · ${formatBytes(file.size, lang)}`;
        const hash = document.createElement('code');
        hash.textContent = `SHA-256 ${file.sha256.slice(0, 16)}…`;
        hash.title = file.sha256;
        const drop = removeButton(() => {
          evidence.splice(i, 1);
          renderEvidence();
        });
        item.append(name, hash, drop);
        return item;
      }),
    );
  }

  evidenceInput.addEventListener('change', async () => {
    const files = [...(evidenceInput.files ?? [])];
    evidenceInput.value = '';
    for (const file of files) {
      if (file.size > MAX_EVIDENCE_BYTES) {
        status.textContent = t('evidenceTooLarge', file.name);
        continue;
      }
      status.textContent = t('evidenceHashing', file.name);
      // Only the name, size and SHA-256 are kept: the file itself never leaves the creator's disk.
      evidence.push(await evidenceFile(file.name, await file.arrayBuffer()));
      renderEvidence();
      status.textContent = '';
    }
  });

  // ------------------------------------------------------------------ show and save

  function showCmi(current: Work): void {
    const entries: Array<[string, string]> = [];
    for (const [key, label] of CMI_FIELDS) {
      const value = current.cmi[key];
      if (value) entries.push([t(label), value]);
    }
    entries.push([t('cmiC2pa'), t(current.cmi.c2pa ? 'cmiC2paPresent' : 'cmiC2paAbsent')]);
    cmiList.replaceChildren(
      ...entries.flatMap(([term, value]) => {
        const dt = document.createElement('dt');
        dt.textContent = term;
        const dd = document.createElement('dd');
        dd.textContent = value;
        return [dt, dd];
      }),
    );
    cmiList.dataset.empty = String(entries.length === 1 && !current.cmi.c2pa);
    if (entries.length === 1) {
      const note = document.createElement('p');
      note.className = 'hint';
      note.textContent = t('cmiNone');
      cmiList.prepend(note);
    }
  }

  function fillForm(current: Work): void {
    const a = current.authorship;
    field('title').value = current.title;
    field('creator').value = current.creator;
    field('createdAt').value = current.createdAt ?? '';
    field<HTMLTextAreaElement>('publicationUrls').value = current.publicationUrls.join('\n');
    field('licence').value = current.licence;
    field('aiGenerated').checked = a.aiGenerated;
    field<HTMLTextAreaElement>('seeds').value = a.seeds.join('\n');
    field<HTMLTextAreaElement>('parameters').value = Object.entries(a.parameters)
      .map(([key, value]) => `${key} = ${value}`)
      .join('\n');
    field('candidates').value = a.candidates === null ? '' : String(a.candidates);
    field('chosen').value = a.chosen;
    field<HTMLTextAreaElement>('notes').value = a.notes;
    for (const list of Object.keys(LISTS) as ListName[]) form.querySelector(`[data-list="${list}"] .rows`)!.replaceChildren();
    for (const tool of a.tools) addRow('tools', { ...tool });
    for (const prompt of a.prompts) addRow('prompts', { ...prompt, at: prompt.at ?? '' });
    for (const edit of a.edits) addRow('edits', { ...edit, at: edit.at ?? '' });
    evidence = a.evidence.map((file) => ({ ...file }));
    renderEvidence();
  }

  function dateOrNull(text: string, element: HTMLElement): string | null {
    if (!text) return null;
    if (Number.isNaN(Date.parse(text))) throw new InvalidField(element, t('invalidDate', text));
    return text;
  }

  /** The form as a patch, or an InvalidField naming what to correct. */
  function readForm(): WorkPatch {
    const title = field('title').value.trim();
    if (!title) throw new InvalidField(field('title'), t('invalidTitle'));
    const urlsField = field<HTMLTextAreaElement>('publicationUrls');
    const publicationUrls = urlsField.value
      .split(/\s+/)
      .map((url) => url.trim())
      .filter(Boolean);
    for (const url of publicationUrls) {
      let parsed: URL | undefined;
      try {
        parsed = new URL(url);
      } catch {
        // reported below
      }
      if (!parsed || (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')) throw new InvalidField(urlsField, t('invalidUrl', url));
    }
    const parametersField = field<HTMLTextAreaElement>('parameters');
    const parameters: Authorship['parameters'] = {};
    for (const line of parametersField.value.split('\n').map((l) => l.trim()).filter(Boolean)) {
      const at = line.search(/[=:]/);
      if (at <= 0) throw new InvalidField(parametersField, t('invalidParameter', line));
      parameters[line.slice(0, at).trim()] = parameterValue(line.slice(at + 1).trim());
    }
    const candidatesField = field('candidates');
    const candidatesText = candidatesField.value.trim();
    const candidates = candidatesText === '' ? null : Number(candidatesText);
    if (candidates !== null && (!Number.isSafeInteger(candidates) || candidates < 1)) throw new InvalidField(candidatesField, t('invalidCandidates'));

    const tools: ToolUse[] = rowsOf('tools')
      .filter((row) => row.name)
      .map((row) => ({ name: row.name, version: row.version, kind: row.kind as ToolUse['kind'] }));
    const prompts: PromptRevision[] = rowsOf('prompts')
      .filter((row) => row.prompt || row.negativePrompt)
      .map((row) => ({ prompt: row.prompt, negativePrompt: row.negativePrompt, at: dateOrNull(row.at, row.element), note: row.note }));
    const edits: EditStep[] = rowsOf('edits')
      .filter((row) => row.description)
      .map((row) => ({ description: row.description, tool: row.tool, at: dateOrNull(row.at, row.element) }));

    return {
      title,
      creator: field('creator').value.trim(),
      createdAt: dateOrNull(field('createdAt').value.trim(), field('createdAt')),
      publicationUrls,
      licence: field('licence').value.trim(),
      authorship: {
        aiGenerated: field('aiGenerated').checked,
        tools,
        prompts,
        seeds: field<HTMLTextAreaElement>('seeds')
          .value.split(/[\s,]+/)
          .map((seed) => seed.trim())
          .filter(Boolean),
        parameters,
        candidates,
        chosen: field('chosen').value.trim(),
        edits,
        evidence,
        notes: field<HTMLTextAreaElement>('notes').value.trim(),
      },
    };
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (!work) return;
    form.querySelector('.invalid')?.classList.remove('invalid');
    let patch: WorkPatch;
    try {
      patch = readForm();
    } catch (error) {
      if (!(error instanceof InvalidField)) throw error;
      error.field.classList.add('invalid');
      error.field.focus();
      status.textContent = error.message;
      status.classList.add('error');
      return;
    }
    work = await registry.updateWork(work.id, patch);
    status.classList.remove('error');
    status.textContent = t('saved');
    heading.textContent = work.title;
    await registryChanged();
  });

  function close(): void {
    dialog.close();
  }
  dialog.addEventListener('close', () => {
    if (thumbUrl) URL.revokeObjectURL(thumbUrl);
    thumbUrl = '';
    thumb.removeAttribute('src');
    work = undefined;
  });
  for (const button of dialog.querySelectorAll('[data-action="close-detail"]')) button.addEventListener('click', close);
  dialog.querySelector('[data-action="delete-work"]')!.addEventListener('click', async () => {
    if (!work) return;
    const id = work.id;
    close();
    await remove([id]);
  });

  return async function open(id: string): Promise<void> {
    const found = await registry.getWork(id);
    if (!found) return;
    work = found;
    dialog.dataset.workId = id;
    heading.textContent = found.title;
    const added = new Date(found.addedAt).toLocaleString(lang);
    facts.textContent = t('detailFacts', [found.fileName, `${found.width}×${found.height}`, added]);
    facts.title = `SHA-256 ${found.digest}`;
    status.textContent = '';
    status.classList.remove('error');
    fillForm(found);
    showCmi(found);
    const thumbnail = await registry.getThumbnail(id);
    if (thumbnail) {
      thumbUrl = URL.createObjectURL(new Blob([thumbnail.bytes], { type: thumbnail.type }));
      thumb.src = thumbUrl;
    }
    if (!dialog.open) dialog.showModal();
    field('title').focus();
  };
}
