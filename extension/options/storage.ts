import browser from 'webextension-polyfill';
import { t } from '../shared/i18n.ts';
import { formatBytes } from './work-facts.ts';

/**
 * Asks the browser to keep the registry's storage under pressure and shows the outcome.
 * Firefox makes an extension's storage persistent with `unlimitedStorage`; Chromium keeps the
 * storage of such extensions out of eviction without reporting it as persisted.
 */
export async function mountStorageStatus(): Promise<void> {
  const status = document.querySelector<HTMLElement>('#storage-status')!;
  const storage = navigator.storage;
  if (!storage?.persist) {
    status.hidden = true;
    return;
  }
  let persistent = await storage.persisted().catch(() => false);
  if (!persistent) persistent = await storage.persist().catch(() => false);
  const unlimited = browser.runtime.getManifest().permissions?.includes('unlimitedStorage') ?? false;
  const key = persistent ? 'storagePersistent' : unlimited ? 'storageUnlimited' : 'storageNotPersistent';
  const { usage } = await storage.estimate().catch(() => ({ usage: undefined }));
  const used = usage === undefined ? '' : ` · ${t('storageUsed', formatBytes(usage, document.documentElement.lang))}`;
  status.textContent = `${t(key)}${used}`;
  status.title = t(`${key}Hint`);
  status.dataset.persistent = String(persistent);
  status.classList.toggle('warn', !persistent && !unlimited);
}
