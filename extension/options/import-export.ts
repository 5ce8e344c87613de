import { exportRegistry, importRegistry, parseRegistryFile, RegistryFormatError } from '../../src/registry/format.ts';
import type { Registry } from '../../src/registry/store.ts';
import { t } from '../shared/i18n.ts';
import { onRegistryChanged, registryChanged } from './events.ts';
import { showToast } from './toast.ts';
import { formatBytes } from './work-facts.ts';

function setStatus(element: HTMLElement, text: string, kind: 'ok' | 'error' | 'busy' = 'ok'): void {
  element.textContent = text;
  element.classList.toggle('error', kind === 'error');
  element.dataset.state = kind;
}

/**
 * Backup: export the registry (JSON, or a zip with thumbnail files), import a file (checked
 * completely before anything is written, then merged by content), and clear the registry.
 */
export function mountImportExport(registry: Registry): void {
  const section = document.querySelector<HTMLElement>('#backup')!;
  const exportButton = section.querySelector<HTMLButtonElement>('[data-action="export-registry"]')!;
  const exportStatus = section.querySelector<HTMLElement>('#export-status')!;
  const importInput = section.querySelector<HTMLInputElement>('input[name="import-registry"]')!;
  const importStatus = section.querySelector<HTMLElement>('#import-status')!;
  const clearButton = section.querySelector<HTMLButtonElement>('[data-action="clear-registry"]')!;
  const clearConfirm = section.querySelector<HTMLElement>('#clear-confirm')!;
  const clearQuestion = section.querySelector<HTMLElement>('#clear-question')!;
  const clearStatus = section.querySelector<HTMLElement>('#clear-status')!;
  const lang = document.documentElement.lang;
  const number = new Intl.NumberFormat(lang);

  exportButton.addEventListener('click', async () => {
    const zip = section.querySelector<HTMLInputElement>('input[name="export-format"]:checked')?.value === 'zip';
    exportButton.disabled = true;
    setStatus(exportStatus, t('exporting'), 'busy');
    try {
      const count = await registry.countWorks();
      const file = await exportRegistry(registry, { zip, thumbnails: true });
      const url = URL.createObjectURL(new Blob([file.bytes as BlobPart], { type: file.mimeType }));
      const link = document.createElement('a');
      link.href = url;
      link.download = file.fileName;
      link.dataset.export = 'registry';
      document.body.append(link);
      link.click();
      link.remove();
      // The download has its own copy once it started; give it a moment before letting go.
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setStatus(exportStatus, t('exportDone', [number.format(count), file.fileName, formatBytes(file.bytes.byteLength, lang)]));
    } catch (error) {
      setStatus(exportStatus, t('exportFailed', (error as Error).message), 'error');
    } finally {
      exportButton.disabled = false;
    }
  });

  importInput.addEventListener('change', async () => {
    const file = importInput.files?.[0];
    importInput.value = '';
    if (!file) return;
    setStatus(importStatus, t('importReading', file.name), 'busy');
    let parsed;
    try {
      // All or nothing: the whole file is read and checked before the registry is touched.
      parsed = parseRegistryFile(new Uint8Array(await file.arrayBuffer()));
    } catch (error) {
      const reason = error instanceof RegistryFormatError ? error.message : (error as Error).message;
      setStatus(importStatus, t('importRefused', [file.name, reason]), 'error');
      importStatus.dataset.problem = error instanceof RegistryFormatError ? error.problem : 'error';
      return;
    }
    try {
      const { added, skipped } = await importRegistry(registry, parsed);
      setStatus(importStatus, t('importDone', [number.format(added), number.format(skipped)]));
      Object.assign(importStatus.dataset, { added: String(added), skipped: String(skipped), problem: '' });
      if (added > 0) await registryChanged();
    } catch (error) {
      setStatus(importStatus, t('importFailed', (error as Error).message), 'error');
    }
  });

  clearButton.addEventListener('click', async () => {
    const count = await registry.countWorks();
    if (count === 0) {
      setStatus(clearStatus, t('clearNothing'));
      return;
    }
    clearQuestion.textContent = t('clearQuestion', number.format(count));
    clearConfirm.hidden = false;
    clearButton.hidden = true;
    clearConfirm.querySelector<HTMLButtonElement>('[data-action="cancel-clear"]')!.focus();
  });
  const closeConfirm = () => {
    clearConfirm.hidden = true;
    clearButton.hidden = false;
  };
  clearConfirm.querySelector('[data-action="cancel-clear"]')!.addEventListener('click', closeConfirm);
  clearConfirm.querySelector('[data-action="confirm-clear"]')!.addEventListener('click', async () => {
    closeConfirm();
    setStatus(clearStatus, t('clearing'), 'busy');
    const removed = await registry.deleteWorks(await registry.workIds());
    setStatus(clearStatus, t('clearDone', number.format(removed.length)));
    await registryChanged();
    showToast(t('clearDone', number.format(removed.length)), async () => {
      await registry.restoreWorks(removed);
      setStatus(clearStatus, t('restored', number.format(removed.length)));
      await registryChanged();
    });
  });
  onRegistryChanged(() => {
    if (!clearConfirm.hidden) closeConfirm();
  });
}
