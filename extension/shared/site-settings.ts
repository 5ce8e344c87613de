import browser from 'webextension-polyfill';

/**
 * Which sites Reuse Radar watches, in `storage.local` under one key: small enough for the content
 * script to read before it starts, and every context hears changes through `storage.onChanged`.
 */
export const SITE_SETTINGS_KEY = 'siteSettings';

/** A site the user added: its content script is registered at run time (background/site-scripts.ts). */
export interface CustomSite {
  /** Host as entered and normalised, without `www.` (`example.com`). */
  host: string;
  /** The match pattern granted and registered: the host and its subdomains (`*://*.example.com/*`). */
  pattern: string;
  addedAt: string;
}

export interface SiteSettings {
  /** Global pause: no passive checks anywhere (a manual "Check this page" still works). */
  paused: boolean;
  /** Built-in adapter ids turned off. A list of the disabled ones, so adapters added later start on. */
  disabled: string[];
  custom: CustomSite[];
  /** A desktop notification for each new detection (off by default; needs the optional permission). */
  notifyDetections: boolean;
}

export const DEFAULT_SITE_SETTINGS: SiteSettings = { paused: false, disabled: [], custom: [], notifyDetections: false };

/** Whatever is stored (nothing, an older or hand-edited shape), as a valid SiteSettings. */
export function normalizeSiteSettings(raw: unknown): SiteSettings {
  const value = (raw && typeof raw === 'object' ? raw : {}) as Partial<Record<keyof SiteSettings, unknown>>;
  const custom = Array.isArray(value.custom) ? value.custom : [];
  return {
    paused: value.paused === true,
    notifyDetections: value.notifyDetections === true,
    disabled: Array.isArray(value.disabled) ? value.disabled.filter((id): id is string => typeof id === 'string') : [],
    custom: custom.flatMap((site) => {
      const parsed = typeof site?.host === 'string' ? parseSiteInput(site.host) : undefined;
      return parsed ? [{ ...parsed, addedAt: typeof site.addedAt === 'string' ? site.addedAt : '' }] : [];
    }),
  };
}

const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/**
 * What the user typed ("example.com", "https://www.example.com/gallery", "*.example.com") as the host
 * and the match pattern to request; undefined for anything that is not a public-looking host name.
 */
export function parseSiteInput(input: string): { host: string; pattern: string } | undefined {
  let text = input.trim().toLowerCase();
  if (!text) return undefined;
  text = text.replace(/^\*\./, '');
  if (!/^[a-z][a-z0-9+.-]*:\/\//.test(text)) text = `https://${text}`;
  let host: string;
  try {
    const url = new URL(text);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    host = url.hostname;
  } catch {
    return undefined;
  }
  host = host.replace(/^www\./, '').replace(/\.$/, '');
  if (!HOST.test(host)) return undefined;
  return { host, pattern: `*://*.${host}/*` };
}

/** Whether `hostname` is the custom site's host or one of its subdomains (what its pattern matches). */
export function customSiteMatches(site: Pick<CustomSite, 'host'>, hostname: string): boolean {
  return hostname === site.host || hostname.endsWith(`.${site.host}`);
}

/**
 * Whether passive scanning runs on this page: not while paused, not on a built-in site turned off,
 * and on other pages only when the user added them (a manual check may inject the script anywhere).
 */
export function isWatching(settings: SiteSettings, adapterId: string, hostname: string): boolean {
  if (settings.paused) return false;
  if (adapterId !== 'generic') return !settings.disabled.includes(adapterId);
  return settings.custom.some((site) => customSiteMatches(site, hostname));
}

export async function loadSiteSettings(): Promise<SiteSettings> {
  const stored = await browser.storage.local.get(SITE_SETTINGS_KEY);
  return normalizeSiteSettings(stored[SITE_SETTINGS_KEY]);
}

let writes: Promise<unknown> = Promise.resolve();

/** Read-modify-write, serialised within this context so two quick clicks cannot lose one. */
export function updateSiteSettings(change: (settings: SiteSettings) => SiteSettings): Promise<SiteSettings> {
  const next = writes.then(async () => {
    const updated = normalizeSiteSettings(change(await loadSiteSettings()));
    await browser.storage.local.set({ [SITE_SETTINGS_KEY]: updated });
    return updated;
  });
  writes = next.catch(() => undefined);
  return next;
}

/** Calls back with the new settings whenever any context changes them. Returns the unsubscribe. */
export function watchSiteSettings(onChange: (settings: SiteSettings) => void): () => void {
  const listener = (changes: Record<string, browser.Storage.StorageChange>, area: string) => {
    if (area === 'local' && SITE_SETTINGS_KEY in changes) onChange(normalizeSiteSettings(changes[SITE_SETTINGS_KEY].newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
