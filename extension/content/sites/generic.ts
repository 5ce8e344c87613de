import type { SiteAdapter } from './site.ts';

/** Any other page (manual checks, user-added sites): every large image, icons skipped by size. */
export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Other sites',
  hosts: [],
  images: 'img, picture img, [style*="background-image"]',
  ignore: 'nav, [role="navigation"]',
};
