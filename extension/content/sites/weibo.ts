import type { SiteAdapter } from './site.ts';

/**
 * Weibo. Relies on: the new weibo.com (woo-ui) — feed pictures as `img.woo-picture-img` inside
 * `.woo-picture-main` / `.woo-picture-slot`, in `.Feed_body_*` cards; avatars `img.woo-avatar-img` in
 * `.woo-avatar-main`, VIP badges `woo-icon-vipimg`; old weibo `.WB_media_wrap` / `.media_box`;
 * images on wx1-4 / tvax*.sinaimg.cn with the size as the first path part
 * (`/orj360/<pid>.jpg`, `/mw690/`, `/large/`, `/thumb150/`; avatars `/crop.x.y.w.h.180/`).
 * Seen in: userscripts and scrapers selecting `.woo-box-wrap .woo-picture-img`, `.woo-picture-slot img`,
 * `//div[contains(@class,"woo-picture-slot")]`, excluding `woo-avatar-img` / `woo-icon-vipimg`, a
 * downloader's size list `large|bmiddle|mw1024|mw690|small|square|thumb180|thumbnail`, and sample
 * URLs `wx4.sinaimg.cn/orj360/…jpg`.
 */
const SIZE = /^\/(large|mw\d+|orj\d+|bmiddle|thumb\d+|thumbnail|small|square|wap\d+|woriginal|original|oslarge|sq\d+)\//;

export const weibo: SiteAdapter = {
  id: 'weibo',
  name: 'Weibo',
  hosts: ['weibo.com', '.weibo.com', 'm.weibo.cn', 'weibo.cn'],
  images:
    'img.woo-picture-img, .woo-picture-main img, .woo-picture-slot img, [class*="_focusImg_"], ' +
    '.WB_media_wrap img, .media_box img, .weibo-media-wraps img, img[src*=".sinaimg.cn/"]',
  ignore:
    '.woo-avatar-main, img.woo-avatar-img, .woo-icon-vipimg, [class*="avatar" i], img[src*="/crop."], ' +
    'img[src*="h5.sinaimg.cn"], img[src*="img.t.sinajs.cn"], .woo-emoji, nav',
  smallVariant(url) {
    // orj360 is what the feed grid itself loads: the smallest size that is ≥ 256 px for every picture.
    if (!url.hostname.endsWith('.sinaimg.cn')) return undefined;
    const size = SIZE.exec(url.pathname);
    if (!size || size[1] === 'orj360') return undefined;
    url.pathname = url.pathname.replace(SIZE, '/orj360/');
    return url.href;
  },
};
