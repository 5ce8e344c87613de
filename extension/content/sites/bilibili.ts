import type { SiteAdapter } from './site.ts';

/**
 * Bilibili. Relies on: dynamics (t.bilibili.com, space) as `.bili-dyn-item` with pictures in
 * `.bili-album__preview__picture` (an `img`, or a `.bili-album__preview__picture__img` background),
 * `.bili-dyn-gallery`, opus pages' `.opus-module-album` / `.horizontal-scroll-album__pic__img`;
 * video covers in `.bili-video-card__cover` / `.bili-video-card__image` `<picture>`; images on
 * i0-2.hdslb.com/bfs/… (`@672w_378h_1c…` suffixes); avatars in `.bili-avatar`, `.bili-dyn-avatar`,
 * `/bfs/face/`, emotes in `/bfs/emote/`.
 * Seen in: userscripts selecting `.bili-album__preview__picture img`, `.bili-dyn-gallery img`,
 * `.opus-module-album img`, `.horizontal-scroll-album__pic__img img`, `img[src*="i0.hdslb.com"]`,
 * one reading `div.bili-album__preview__picture__img` `style.backgroundImage`, and filter lists with
 * `.bili-dyn-list__item` / `.bili-dyn-avatar`.
 */
export const bilibili: SiteAdapter = {
  id: 'bilibili',
  name: 'Bilibili',
  hosts: ['www.bilibili.com', '.bilibili.com'],
  images:
    '.bili-album__preview__picture img, .bili-album__preview__picture__img, .bili-dyn-gallery img, .opus-module-album img, ' +
    '.horizontal-scroll-album__pic__img img, .bili-video-card__cover img, .bili-video-card__image img, ' +
    '.opus-module-content img, .article-content img, img[src*="hdslb.com/bfs/new_dyn/"], img[src*="hdslb.com/bfs/archive/"]',
  ignore:
    '.bili-avatar, .bili-dyn-avatar, .b-avatar, .v-avatar, .up-avatar, [class*="avatar"], img[src*="/bfs/face/"], ' +
    'img[src*="/bfs/emote/"], img[src*="/bfs/garb/"], .bili-header, .bili-dyn-live-users',
};
