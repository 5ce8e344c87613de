import { Registry } from '../../src/registry/store.ts';
import type { Claimant, Work } from '../../src/registry/schema.ts';
import { sendToBackground } from '../messages.ts';
import { localizePage, t } from '../shared/i18n.ts';
import { registerImageFile } from '../shared/register.ts';

localizePage();
const registry = await Registry.open();

const worksList = document.querySelector<HTMLUListElement>('#works')!;
const worksEmpty = document.querySelector<HTMLElement>('#works-empty')!;
const workTemplate = document.querySelector<HTMLTemplateElement>('#work-item')!;
const registerStatus = document.querySelector<HTMLElement>('#register-status')!;
const registerFailures = document.querySelector<HTMLUListElement>('#register-failures')!;
const addInput = document.querySelector<HTMLInputElement>('input[name="add-works"]')!;
const claimantForm = document.querySelector<HTMLFormElement>('#claimant')!;
const claimantStatus = document.querySelector<HTMLElement>('#claimant-status')!;

const thumbnailUrls = new Map<string, string>();

async function thumbnailUrl(workId: string): Promise<string> {
  let url = thumbnailUrls.get(workId);
  if (url === undefined) {
    const thumbnail = await registry.getThumbnail(workId);
    url = thumbnail ? URL.createObjectURL(new Blob([thumbnail.bytes], { type: thumbnail.type })) : '';
    thumbnailUrls.set(workId, url);
  }
  return url;
}

function workItem(work: Work): HTMLLIElement {
  const item = workTemplate.content.firstElementChild!.cloneNode(true) as HTMLLIElement;
  item.dataset.workId = work.id;
  item.querySelector('.title')!.textContent = work.title;
  item.querySelector('.meta')!.textContent = `${work.fileName} · ${work.width}×${work.height}`;
  const thumb = item.querySelector('img')!;
  void thumbnailUrl(work.id).then((url) => (thumb.src = url));
  const remove = item.querySelector<HTMLButtonElement>('[data-action="delete"]')!;
  remove.textContent = t('delete');
  remove.addEventListener('click', async () => {
    await registry.deleteWork(work.id);
    await sendToBackground('options:registry-changed', {});
    await renderWorks();
  });
  return item;
}

async function renderWorks(): Promise<void> {
  const works = (await registry.listWorks()).sort((a, b) => b.addedAt.localeCompare(a.addedAt));
  worksList.replaceChildren(...works.map(workItem));
  worksEmpty.hidden = works.length > 0;
}

addInput.addEventListener('change', async () => {
  const files = [...(addInput.files ?? [])];
  addInput.value = '';
  registerFailures.replaceChildren();
  let added = 0;
  let known = 0;
  for (const [done, file] of files.entries()) {
    registerStatus.textContent = t('registerProgress', [String(done + 1), String(files.length)]);
    try {
      if ((await registerImageFile(registry, file, file.name)).added) added++;
      else known++;
    } catch (error) {
      const failure = document.createElement('li');
      failure.textContent = t('registerFailed', [file.name, (error as Error).message]);
      registerFailures.append(failure);
    }
  }
  registerStatus.textContent = t('registerDone', [String(added), String(known), String(registerFailures.childElementCount)]);
  await sendToBackground('options:registry-changed', {});
  await renderWorks();
});

const claimantFields: Array<keyof Claimant> = ['name', 'address', 'email', 'phone', 'signature'];
const claimantInput = (field: keyof Claimant) =>
  claimantForm.elements.namedItem(`claimant-${field}`) as HTMLInputElement | HTMLTextAreaElement;

const { claimant } = await registry.getSettings();
for (const field of claimantFields) claimantInput(field).value = claimant[field];

claimantForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  const saved = Object.fromEntries(claimantFields.map((field) => [field, claimantInput(field).value.trim()])) as unknown as Claimant;
  await registry.saveClaimant(saved);
  claimantStatus.textContent = t('saved');
});

await renderWorks();
