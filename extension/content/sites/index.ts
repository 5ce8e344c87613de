import { artstation } from './artstation.ts';
import { behance } from './behance.ts';
import { bilibili } from './bilibili.ts';
import { bluesky } from './bluesky.ts';
import { deviantart } from './deviantart.ts';
import { facebook } from './facebook.ts';
import { generic } from './generic.ts';
import { instagram } from './instagram.ts';
import { pinterest } from './pinterest.ts';
import { reddit } from './reddit.ts';
import { hostMatches, type SiteAdapter } from './site.ts';
import { threads } from './threads.ts';
import { tumblr } from './tumblr.ts';
import { weibo } from './weibo.ts';
import { x } from './x.ts';
import { xiaohongshu } from './xiaohongshu.ts';

/** Every platform adapter; add a file and list it here. */
export const SITES: SiteAdapter[] = [
  x,
  instagram,
  facebook,
  threads,
  pinterest,
  reddit,
  tumblr,
  bluesky,
  weibo,
  xiaohongshu,
  bilibili,
  deviantart,
  artstation,
  behance,
];

export function adapterFor(hostname: string): SiteAdapter {
  return SITES.find((site) => hostMatches(site, hostname)) ?? generic;
}

export { generic };
