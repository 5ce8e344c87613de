import { blogSite } from './blog.ts';
import type { FixtureSite } from './site.ts';
import { xSite } from './x.ts';

export const SITES: FixtureSite[] = [xSite, blogSite];
