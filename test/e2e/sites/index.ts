import { blogSite } from './blog.ts';
import { instagramSite } from './instagram.ts';
import { pinterestSite } from './pinterest.ts';
import type { FixtureSite } from './site.ts';
import { weiboSite } from './weibo.ts';
import { xSite } from './x.ts';
import { xiaohongshuSite } from './xiaohongshu.ts';

export const SITES: FixtureSite[] = [xSite, blogSite, instagramSite, pinterestSite, weiboSite, xiaohongshuSite];
