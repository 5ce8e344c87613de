import type { SiteAdapter } from './site.ts';

/**
 * Xiaohongshu (RED). Relies on: explore/search/profile feeds as `section.note-item` (with
 * `data-note-id`), the cover as `a.cover img` (sns-webpic-qc.xhscdn.com/…!nc_n_webp_mw_1: signed path,
 * never rewritten), the author avatar as `.author-avatar` / sns-avatar-qc.xhscdn.com; note pages show
 * the slides in `.note-slider-img` / `.swiper-slide img` / `.media-container img`.
 * Seen in: scrapers and extensions selecting `.note-item .cover img`, `section.note-item a.cover`,
 * `.feeds-container .note-item .cover`, `.note-detail .carousel img`, `.swiper-slide img`, a scraping
 * note documenting `.author-avatar`, and API samples with sns-avatar-qc / sns-img-*.xhscdn.com URLs.
 */
export const xiaohongshu: SiteAdapter = {
  id: 'xiaohongshu',
  name: 'Xiaohongshu (RED)',
  hosts: ['www.xiaohongshu.com', 'xiaohongshu.com', 'www.rednote.com'],
  images:
    '.note-item .cover img, .note-slider-img, .swiper-slide img, .media-container img, ' +
    '.note-detail .carousel img, img[src*="xhscdn.com"]',
  ignore: '.author-avatar, [class*="avatar"], img[src*="sns-avatar"], .author-wrapper .author img, header, .side-bar',
};
