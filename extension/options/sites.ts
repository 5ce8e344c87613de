import browser from 'webextension-polyfill';
import { SITES } from '../content/sites/index.ts';
import { hostMatches } from '../content/sites/site.ts';
import { t } from '../shared/i18n.ts';
import {
  loadSiteSettings,
  parseSiteInput,
  updateSiteSettings,
  watchSiteSettings,
  type CustomSite,
  type SiteSettings,
} from '../shared/site-settings.ts';

/** Scoped to the section: the options page's own stylesheet need not know about it. */
const STYLE = `
  .site-settings label.check { display: inline-flex; gap: 6px; align-items: center; margin: 0; font-weight: normal; }
  .site-settings .site-list { display: grid; grid-template-columns: repeat(auto-fill, minmax(180px, 1fr)); gap: 4px 12px; margin: 8px 0 12px; }
  .site-settings h3 { font-size: 14px; margin: 12px 0 4px; }
  .site-settings .custom-site { padding: 4px 0; }
  .site-settings .add-site { max-width: 480px; }
  .site-settings .add-site input { flex: 1; }
`;

/**
 * The "Sites" settings: global pause, each built-in site on or off, and other sites the user adds
 * (host permission requested on the click, content script registered by the background).
 * Self-contained: renders into `container` and keeps itself in sync with storage.
 */
export async function mountSiteSettings(container: HTMLElement): Promise<void> {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Record<string, unknown> = {}, ...children: Array<Node | string>) => {
    const element: HTMLElementTagNameMap[K] = document.createElement(tag);
    Object.assign(element, props);
    element.append(...children);
    return element;
  };

  container.classList.add('site-settings');
  if (!container.getAttribute('aria-labelledby')) container.setAttribute('aria-labelledby', 'site-settings-heading');

  const paused = el('input', { type: 'checkbox', name: 'sites-paused' });
  const pausedHint = el('p', { className: 'hint', hidden: true }, t('sitesPausedHint'));
  const notify = el('input', { type: 'checkbox', name: 'notify-detections' });
  const builtIn = el('ul', { className: 'plain site-list' });
  const toggles = new Map<string, HTMLInputElement>();
  for (const site of SITES) {
    const toggle = el('input', { type: 'checkbox', name: 'site', value: site.id });
    toggles.set(site.id, toggle);
    toggle.addEventListener('change', () => {
      void updateSiteSettings((settings) => ({
        ...settings,
        disabled: toggle.checked ? settings.disabled.filter((id) => id !== site.id) : [...new Set([...settings.disabled, site.id])],
      }));
    });
    builtIn.append(el('li', {}, el('label', { className: 'check' }, toggle, ` ${site.name}`)));
  }

  const customList = el('ul', { className: 'plain custom-sites' });
  const customEmpty = el('p', { className: 'hint' }, t('sitesCustomEmpty'));
  const input = el('input', { type: 'text', name: 'site-host', placeholder: 'example.com', autocomplete: 'off', spellcheck: false });
  input.setAttribute('aria-label', t('sitesAddLabel'));
  const add = el('button', { type: 'submit' }, t('sitesAdd'));
  add.dataset.action = 'add-site';
  const status = el('p', { className: 'status', id: 'site-settings-status' });
  status.setAttribute('role', 'status');
  const form = el('form', { className: 'row add-site' }, input, add);

  container.replaceChildren(
    el('style', { textContent: STYLE }),
    el('h2', { id: 'site-settings-heading' }, t('sitesHeading')),
    el('p', { className: 'hint' }, t('sitesHint')),
    el('label', { className: 'check' }, paused, ` ${t('sitesPause')}`),
    pausedHint,
    el('label', { className: 'check' }, notify, ` ${t('sitesNotify')}`),
    builtIn,
    el('h3', {}, t('sitesCustomHeading')),
    el('p', { className: 'hint' }, t('sitesCustomHint')),
    customList,
    customEmpty,
    form,
    status,
  );

  paused.addEventListener('change', () => void updateSiteSettings((settings) => ({ ...settings, paused: paused.checked })));
  notify.addEventListener('change', () => {
    const wanted = notify.checked;
    // Asked inside the click: browsers grant optional permissions only on a user gesture.
    const granted = wanted ? browser.permissions.request({ permissions: ['notifications'] }) : Promise.resolve(true);
    void (async () => {
      const on = wanted && (await granted.catch(() => false));
      notify.checked = on;
      await updateSiteSettings((settings) => ({ ...settings, notifyDetections: on }));
    })();
  });

  const say = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('error', error);
  };

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseSiteInput(input.value);
    if (!parsed) {
      say(t('sitesInvalid', input.value.trim()), true);
      return;
    }
    if (SITES.some((site) => hostMatches(site, parsed.host) || hostMatches(site, `www.${parsed.host}`))) {
      say(t('sitesBuiltIn'), true);
      return;
    }
    // Called before any await: the browser grants optional permissions only inside the user's click.
    const granted = browser.permissions.request({ origins: [parsed.pattern] });
    void (async () => {
      if (!(await granted.catch(() => false))) {
        say(t('sitesDenied'), true);
        return;
      }
      await updateSiteSettings((settings) => ({
        ...settings,
        custom: [...settings.custom.filter((site) => site.host !== parsed.host), { ...parsed, addedAt: new Date().toISOString() }],
      }));
      input.value = '';
      say(t('sitesAdded', parsed.host));
    })();
  });

  const customItem = (site: CustomSite, allowed: boolean) => {
    const remove = el('button', { type: 'button', className: 'secondary' }, t('sitesRemove'));
    remove.dataset.action = 'remove-site';
    remove.addEventListener('click', async () => {
      await updateSiteSettings((settings) => ({ ...settings, custom: settings.custom.filter((other) => other.host !== site.host) }));
      // The background unregisters its script on the settings change; the access goes too.
      await browser.permissions.remove({ origins: [site.pattern] }).catch(() => false);
    });
    const item = el('li', { className: 'row custom-site' }, el('span', { className: 'grow ellipsis' }, site.host));
    if (!allowed) item.append(el('span', { className: 'hint' }, t('sitesNoAccess')));
    item.append(remove);
    item.dataset.host = site.host;
    return item;
  };

  const render = async (settings: SiteSettings) => {
    paused.checked = settings.paused;
    notify.checked = settings.notifyDetections;
    pausedHint.hidden = !settings.paused;
    for (const [id, toggle] of toggles) toggle.checked = !settings.disabled.includes(id);
    const allowed = await Promise.all(settings.custom.map((site) => browser.permissions.contains({ origins: [site.pattern] })));
    customList.replaceChildren(...settings.custom.map((site, i) => customItem(site, allowed[i])));
    customEmpty.hidden = settings.custom.length > 0;
  };

  watchSiteSettings((settings) => void render(settings));
  browser.permissions.onRemoved.addListener(() => void loadSiteSettings().then(render));
  await render(await loadSiteSettings());
}
