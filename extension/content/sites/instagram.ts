import type { SiteAdapter } from './site.ts';

/**
 * Instagram. Relies on: post and carousel media in a `div._aagv` wrapper around the `<img>` (srcset of
 * scontent-*.cdninstagram.com / fbcdn.net URLs with `w` descriptors), carousels as `li._acaz`;
 * avatars as `<img alt="<user>'s profile picture">` in the post `header` and in story rings.
 * Seen in: scrapers and userscripts selecting `article ._aagv img`, `div._aagv > img`,
 * `li._acaz div._aagv img` (Selenium/Playwright Instagram downloaders) and an Instagram exporter
 * userscript's `._aagv img`; avatar alt text in a modelled Instagram markup test.
 * CDN URLs are signed (`oh=`, `oe=`): never rewritten, the srcset picks the size.
 */
export const instagram: SiteAdapter = {
  id: 'instagram',
  name: 'Instagram',
  hosts: ['www.instagram.com', 'instagram.com'],
  images: '._aagv img, article img[srcset*="cdninstagram.com"], article img[src*="cdninstagram.com"], article img[src*="fbcdn.net"]',
  ignore: 'header, nav, img[alt$="profile picture"], a[href^="/stories/"], canvas + img',
};
