import { Registry } from '../../src/registry/store.ts';
import { localizePage } from '../shared/i18n.ts';
import { mountClaimant } from './claimant.ts';
import { mountImportExport } from './import-export.ts';
import { mountRegisterPanel } from './register-panel.ts';
import { mountSiteSettings } from './sites.ts';
import { mountStorageStatus } from './storage.ts';
import { mountWorkDetail } from './work-detail.ts';
import { mountWorksGrid } from './works-grid.ts';

/** The options page: the creator's registry of works, backup, and their details for notices. */
localizePage();
const registry = await Registry.open();

let openWork: (id: string) => Promise<void> = async () => undefined;
const grid = mountWorksGrid(registry, (id) => void openWork(id));
openWork = mountWorkDetail(registry, grid.deleteWithUndo);
mountRegisterPanel(registry);
mountImportExport(registry);
await Promise.all([grid.refresh(), mountClaimant(registry), mountStorageStatus(), mountSiteSettings(document.querySelector<HTMLElement>('#site-settings')!)]);
document.body.dataset.ready = 'true';
