import type { SiteAdapter } from './site.ts';

/**
 * ArtStation. Relies on: artwork images from cdn[a-c].artstation.com/p/assets/images/images/<id>/<size>/<name>.jpg
 * (sizes smaller_square, small, medium, large, 4k; covers under /p/assets/covers/) in the gallery grid
 * and project pages (`.project-assets`, `main picture`); avatars under /p/users/avatars/.
 * Seen in: sample CDN URLs in public code (`cdna.artstation.com/p/assets/images/images/008/265/652/large/…`),
 * an ArtStation downloader matching `https://cdna.artstation.com/p/assets/images/` and `cdnb…`.
 * Sizes are not rewritten: not every size exists for every asset.
 */
export const artstation: SiteAdapter = {
  id: 'artstation',
  name: 'ArtStation',
  hosts: ['www.artstation.com', '.artstation.com'],
  images:
    'img[src*=".artstation.com/p/assets/images/"], img[src*=".artstation.com/p/assets/covers/"], img[srcset*=".artstation.com/p/assets/"], ' +
    '.project-assets img, .gallery-grid-item img, main picture img',
  ignore: 'img[src*="/p/users/avatars/"], [class*="avatar"], header, nav',
};
