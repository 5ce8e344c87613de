import { generic } from './generic.ts';
import { hostMatches, type SiteAdapter } from './site.ts';
import { x } from './x.ts';

/** Every platform adapter; add a file and list it here. */
export const SITES: SiteAdapter[] = [x];

export function adapterFor(hostname: string): SiteAdapter {
  return SITES.find((site) => hostMatches(site, hostname)) ?? generic;
}

export { generic };
