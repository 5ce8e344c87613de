import type { SiteAdapter } from './site.ts';

/**
 * Behance. Relies on: project covers as `.ProjectCoverNeue-image-*` / `.js-project-cover img` (hashed
 * class suffixes), project modules as `img` from mir-s3-cdn-cf.behance.net/project_modules/<size>/…
 * (max_632, max_1200, 1400, fs, disp, hd) with srcset `w` descriptors, covers from
 * …/projects/<size>/…; avatars from …/user/<size>/… inside Avatar components.
 * Seen in: Behance scrapers selecting `div.ProjectCoverNeue-root-*`, `.ProjectCoverNeue-image-*` (cheerio),
 * `.Cover-content-* > img`, copies of the cover markup (`e2e-ProjectCoverNeue js-project-cover`), and
 * sample mir-s3-cdn-cf URLs (`project_modules/max_1200/…`, `projects/404/…`).
 */
export const behance: SiteAdapter = {
  id: 'behance',
  name: 'Behance',
  hosts: ['www.behance.net', 'behance.net'],
  images:
    '[class*="ProjectCoverNeue-image"], .js-project-cover img, [class*="Cover-content"] > img, .project-module img, ' +
    '[class*="ImageElement-image"], img[src*="behance.net/project_modules/"], img[src*="behance.net/projects/"]',
  ignore: 'img[src*="behance.net/user/"], [class*="Avatar"], [class*="avatar"], header, nav',
};
