import type { ImageStore } from '../harness/images.ts';

export interface SiteResponse {
  status?: number;
  type: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

/**
 * A fake platform: the real host names (the browser reaches them through the fixture proxy, so the
 * shipped match patterns and host permissions are what gets tested) and what each serves.
 * One file per platform; list it in `index.ts`.
 */
export interface FixtureSite {
  name: string;
  /** Every host the site uses, page and CDN: the certificate and the proxy cover exactly these. */
  hosts: string[];
  /** Undefined means 404. */
  handle(url: URL, images: ImageStore): Promise<SiteResponse | undefined>;
}

export const html = (body: string): SiteResponse => ({ type: 'text/html; charset=utf-8', body });

export const jpeg = (body: Buffer): SiteResponse => ({
  type: 'image/jpeg',
  body,
  // As image CDNs do; the extension may fetch them from its own origin.
  headers: { 'cache-control': 'public, max-age=604800', 'access-control-allow-origin': '*' },
});

export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
