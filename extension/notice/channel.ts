import { channelFieldValues, channelFor, type ChannelRoute } from '../../src/notice/channels.ts';
import type { Lang, NoticeInput } from '../../src/notice/types.ts';
import { t } from '../shared/i18n.ts';

function routeText(route: ChannelRoute): string {
  return route.url ?? route.email ?? route.postal ?? '';
}

function copyButton(value: string, status: HTMLElement): HTMLButtonElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'secondary small';
  button.dataset.action = 'copy-field';
  button.textContent = t('copy');
  button.addEventListener('click', async () => {
    await navigator.clipboard.writeText(value);
    status.textContent = t('copied');
  });
  return button;
}

/**
 * The official route for the detection's site and what its form asks for, each value with a copy
 * button. The route URL is ours (a fixed table), so it may be a link; values come from the notice
 * facts and stay text. The section's data-email and data-route feed the email draft and "Mark as sent".
 */
export function renderChannel(section: HTMLElement, site: string, input: NoticeInput, lang: Lang): void {
  const channel = channelFor(site);
  section.dataset.email = channel.route.email ?? '';
  section.dataset.route = routeText(channel.route);
  const route = section.querySelector<HTMLElement>('#channel-route')!;
  const parts: (Node | string)[] = [];
  const kind = document.createElement('strong');
  kind.textContent = `${channel.name || t('channelGeneric')}: ${t(`channelKind_${channel.route.kind.replace('-', '_')}`)}`;
  parts.push(kind, ' ');
  for (const target of [channel.route, ...(channel.dsa ? [channel.dsa] : [])]) {
    if (target.url) {
      const link = document.createElement('a');
      link.href = target.url;
      link.target = '_blank';
      link.rel = 'noopener noreferrer';
      link.textContent = target === channel.dsa ? `${t('channelDsa')} ${target.url}` : target.url;
      parts.push(link, ' ');
    }
    if (target.email) parts.push(`${t('channelAgentEmail')} ${target.email} `);
    if (target.postal) parts.push(`${t('channelAgentPostal')} ${target.postal} `);
  }
  const notes = document.createElement('span');
  notes.className = 'hint block';
  notes.textContent = `${channel.notes[lang]}${channel.verified ? '' : ` ${t('channelUnverified')}`}`;
  parts.push(notes);
  route.replaceChildren(...parts);

  const status = document.createElement('span');
  status.className = 'status';
  status.setAttribute('role', 'status');
  section.querySelector('#channel-fields')!.replaceChildren(
    ...channelFieldValues(site, input, lang).map((value) => {
      const item = document.createElement('li');
      item.dataset.field = value.id;
      const head = document.createElement('div');
      head.className = 'row';
      const label = document.createElement('span');
      label.className = 'grow label';
      label.textContent = value.label;
      head.append(label);
      if (value.value) head.append(copyButton(value.value, status));
      const body = document.createElement('div');
      body.className = value.missing ? 'value error' : 'value';
      body.textContent = value.value || value.hint || (value.missing ? t('channelFieldMissing') : '');
      item.append(head, body);
      return item;
    }),
    status,
  );
  section.hidden = false;
}
