/** Site ids, the same the content adapters use, and the names notices address. */
export const SITE_NAMES = {
  x: 'X (Twitter)',
  instagram: 'Instagram',
  facebook: 'Facebook',
  threads: 'Threads',
  pinterest: 'Pinterest',
  reddit: 'Reddit',
  tumblr: 'Tumblr',
  bluesky: 'Bluesky',
  weibo: '微博 (Weibo)',
  xiaohongshu: '小红书 (Xiaohongshu)',
  bilibili: '哔哩哔哩 (Bilibili)',
  deviantart: 'DeviantArt',
  artstation: 'ArtStation',
  behance: 'Behance',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  generic: '',
} as const;

export type SiteId = keyof typeof SITE_NAMES;

export function isSiteId(value: string): value is SiteId {
  return Object.hasOwn(SITE_NAMES, value);
}

/** The name to address a notice to; empty for unknown sites and `generic`. */
export function siteName(site: string): string {
  return isSiteId(site) ? SITE_NAMES[site] : '';
}
