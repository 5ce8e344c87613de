import { html, jpeg, type FixtureSite } from './site.ts';
import type { Recipe } from '../harness/images.ts';

/**
 * A site the extension does not watch by default: only the popup's "Check this page" looks at it.
 * Its images are same-host, so the activeTab grant alone lets the extension read them.
 */
const IMAGES = {
  '/images/2026/11/dragon-warrior-wallpaper.jpg': { kind: 'repost', file: 'drake-blademaster.jpg' },
  '/images/2026/11/auriga-chart.jpg': { kind: 'original', file: 'auriga.jpg' },
} satisfies Record<string, Recipe>;

export const BLOG = {
  pageUrl: 'https://blog.example.org/2026/11/fantasy-wallpapers/',
  drakeRepost: 'img[src$="dragon-warrior-wallpaper.jpg"]',
  auriga: 'img[src$="auriga-chart.jpg"]',
} as const;

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Ten free fantasy wallpapers – Wallpaper Blog</title>
<style>
  body { max-width: 720px; margin: 40px auto; font: 17px/1.6 Georgia, serif; color: #222; }
  figure { margin: 24px 0; } img { max-width: 100%; display: block; }
</style></head>
<body><header><a href="/">Wallpaper Blog</a></header>
<article><h1>Ten free fantasy wallpapers</h1>
<p>We collected the best wallpapers from around the web. Right-click and save!</p>
<figure><img src="/images/2026/11/dragon-warrior-wallpaper.jpg" alt="Dragon warrior" width="400" height="400">
<figcaption>1. Dragon warrior</figcaption></figure>
<figure><img src="/images/2026/11/auriga-chart.jpg" alt="Star chart" width="400" height="400">
<figcaption>2. Old star chart</figcaption></figure>
</article></body></html>`;

export const blogSite: FixtureSite = {
  name: 'Blog (not watched by default)',
  hosts: ['blog.example.org'],
  async handle(url, images) {
    if (url.pathname === BLOG.pageUrl.slice('https://blog.example.org'.length)) return html(PAGE);
    const recipe = IMAGES[url.pathname as keyof typeof IMAGES];
    return recipe && jpeg(await images.get(recipe));
  },
};
