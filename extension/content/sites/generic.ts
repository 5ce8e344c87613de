import type { SiteAdapter } from './site.ts';

/**
 * Any other page (manual checks, user-added sites): every image and inline background, icons and
 * avatars skipped by their rendered size, navigation bars skipped by role.
 */
export const generic: SiteAdapter = {
  id: 'generic',
  name: 'Other sites',
  hosts: [],
  images: 'img, [style*="background-image"]',
  ignore: 'nav, [role="navigation"]',
};
