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

export interface FeedLoader {
  /** Why the page loads the way it does (shown as a comment in the page's script). */
  comment: string;
  /** A JS expression for the next page's URL; `cursor` is in scope. */
  url: string;
  /** JS source of a function that puts a page of JSON on the page and returns the next cursor (null at the end). */
  render: string;
  /** What the page says when the feed is exhausted. */
  endText: string;
  /** How close to the bottom (px) the reader gets before the next page is fetched. */
  margin?: number;
  /** Fetch again at once while the end is still that close (a fast reader outruns one page at a time). */
  keepFilling?: boolean;
}

/**
 * The client-side script of a fake feed: nothing is in the first HTML, pages of posts are fetched
 * after load and again as the reader nears the end, as real feeds do. Expects an element #loading.
 */
export function feedLoaderScript({ comment, url, render, endText, margin = 800, keepFilling = false }: FeedLoader): string {
  return `<script>
  // ${comment}
  const loading = document.getElementById('loading');
  const render = ${render};
  let cursor = 0;
  let busy = false;
  async function more() {
    if (busy || cursor === null) return;
    busy = true;
    const page = await (await fetch(${url})).json();
    cursor = render(page);
    if (cursor === null) loading.textContent = ${JSON.stringify(endText)};
    busy = false;
    ${keepFilling ? 'nearEnd();' : ''}
  }
  function nearEnd() {
    if (innerHeight + scrollY > document.documentElement.scrollHeight - ${margin}) more();
  }
  addEventListener('scroll', nearEnd, { passive: true });
  more();
</script>`;
}
