import type { SiteAdapter } from './site.ts';

/**
 * Threads. Relies on: each post is a `div[data-pressable-container="true"]` (no `<article>`); post images
 * are `<img>` inside `<picture>` from scontent-*.cdninstagram.com, while profile photos are bare `<img>`
 * with alt "<user>'s profile picture".
 * Seen in: Threads extensions' selector files (`postContainer: '[data-pressable-container]'`,
 * `image: 'picture img[src*="scontent"], picture img[src*="cdninstagram"]'`) and userscripts
 * scanning `div[data-pressable-container="true"]`. URLs are signed: never rewritten.
 */
export const threads: SiteAdapter = {
  id: 'threads',
  name: 'Threads',
  hosts: ['www.threads.net', 'threads.net', 'www.threads.com', 'threads.com'],
  images: 'picture img[src*="scontent"], picture img[src*="cdninstagram"], [data-pressable-container] picture img',
  ignore: 'img[alt$="profile picture"], nav, header',
};
