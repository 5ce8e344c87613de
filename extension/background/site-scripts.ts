import browser from 'webextension-polyfill';
import { loadSiteSettings, SITE_SETTINGS_KEY, type CustomSite } from '../shared/site-settings.ts';

/**
 * Content scripts for the sites the user added in options. The settings in storage are the source of
 * truth; this makes the registered scripts match them: on every start of the background (scripts are
 * registered for the session only, so a browser restart and an update re-register them the same way),
 * when the settings change, and when host permissions are granted or revoked.
 */
const PREFIX = 'reuse-radar-site:';

export const scriptIdFor = (site: Pick<CustomSite, 'host'>) => `${PREFIX}${site.host}`;

type Registered = { id: string; matches?: string[] };

let syncing: Promise<void> = Promise.resolve();

/** Serialised: two syncs running at once would both register the same id, and the second throws. */
export function syncSiteScripts(): Promise<void> {
  syncing = syncing.then(reconcile, reconcile);
  return syncing;
}

async function reconcile(): Promise<void> {
  const { custom } = await loadSiteSettings();
  const wanted = new Map<string, CustomSite>();
  for (const site of custom) {
    // Without its host permission a script would never run: registered again once access is granted.
    if (await browser.permissions.contains({ origins: [site.pattern] })) wanted.set(scriptIdFor(site), site);
  }
  const registered = ((await browser.scripting.getRegisteredContentScripts()) as Registered[]).filter((script) => script.id.startsWith(PREFIX));
  const stale = registered.filter((script) => {
    const site = wanted.get(script.id);
    return !site || script.matches?.length !== 1 || script.matches[0] !== site.pattern;
  });
  if (stale.length > 0) await browser.scripting.unregisterContentScripts({ ids: stale.map((script) => script.id) });
  const kept = new Set(registered.filter((script) => !stale.includes(script)).map((script) => script.id));
  const missing = [...wanted].filter(([id]) => !kept.has(id));
  if (missing.length === 0) return;
  await browser.scripting.registerContentScripts(
    missing.map(([id, site]) => ({
      id,
      matches: [site.pattern],
      js: ['content.js'],
      runAt: 'document_idle' as const,
      allFrames: false,
      persistAcrossSessions: false,
    })),
  );
}

/** Hooks the sync to every event that can change what should be registered; call once at top level. */
export function watchSiteScripts(): void {
  browser.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && SITE_SETTINGS_KEY in changes) void syncSiteScripts().catch(report);
  });
  browser.permissions.onAdded.addListener(() => void syncSiteScripts().catch(report));
  browser.permissions.onRemoved.addListener(() => void syncSiteScripts().catch(report));
  browser.runtime.onStartup.addListener(() => void syncSiteScripts().catch(report));
  void syncSiteScripts().catch(report);
}

function report(error: unknown): void {
  console.error('Reuse Radar: could not register the content scripts of added sites', error);
}
