/**
 * The feed the bench scrolls: an X-shaped home timeline (the markup of test/e2e/sites/x.ts: cells of
 * `article[data-testid="tweet"]`, each photo a background-image div under a transparent `<img>`),
 * client-rendered in pages of 10 as the reader nears the bottom, photos from pbs.twimg.com.
 *
 * Photos are 600–1600 px JPEGs. Like X, the CDN serves size variants by `name=`: the page asks for
 * `name=medium` (≤ 1200 px), the extension's X adapter rewrites to `name=small` (≤ 680 px). Every
 * variant is encoded before the browser starts, so the server's own work never shows up as latency.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { FixtureSite } from '../../test/e2e/sites/site.ts';
import { html, jpeg } from '../../test/e2e/sites/site.ts';

export const CORPUS_DIR = '/work/shared/corpus';
export const FEED_URL = 'https://x.com/home';
export const PHOTO_SELECTOR = '[data-testid="tweetPhoto"] img';
const PAGE_SIZE = 10;
const SIZES = { small: 680, medium: 1200, large: 2048 } as const;

export interface FeedImage {
  id: string;
  /** Registered work this photo reposts, by index into `registered`; undefined for other photos. */
  repostOf?: number;
  width: number;
  variants: Record<'small' | 'medium' | 'large', Buffer>;
}

export interface Feed {
  /** Where the photos came from, for the report. */
  source: string;
  /** The originals of the registered works that the feed reposts (JPEG bytes). */
  registered: { name: string; bytes: Buffer }[];
  images: FeedImage[];
  site: FixtureSite;
}

/** Deterministic pseudo-random numbers, so two runs scroll the same feed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function corpusFiles(): Promise<string[]> {
  try {
    return (await readdir(CORPUS_DIR)).filter((name) => name.endsWith('.jpg')).sort();
  } catch {
    return [];
  }
}

/** A picture with some structure (overlapping shapes on a tinted ground) when there is no corpus. */
function syntheticSvg(seed: number): Buffer {
  const next = random(seed + 1);
  const w = 640, h = Math.round(360 + next() * 280);
  let shapes = '';
  for (let i = 0; i < 14; i++) {
    const fill = `hsl(${Math.round(next() * 360)},${40 + Math.round(next() * 50)}%,${20 + Math.round(next() * 60)}%)`;
    shapes += next() < 0.5
      ? `<circle cx="${next() * w}" cy="${next() * h}" r="${10 + next() * 120}" fill="${fill}"/>`
      : `<rect x="${next() * w}" y="${next() * h}" width="${20 + next() * 200}" height="${20 + next() * 200}" fill="${fill}" transform="rotate(${next() * 90})"/>`;
  }
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="${w}" height="${h}" fill="hsl(${Math.round(next() * 360)},30%,${Math.round(10 + next() * 80)}%)"/>${shapes}</svg>`);
}

async function variantsOf(source: Buffer, width: number, crop: number): Promise<FeedImage['variants']> {
  const meta = await sharp(source).metadata();
  const cw = Math.round(meta.width! * (1 - crop)), ch = Math.round(meta.height! * (1 - crop));
  const original = await sharp(source)
    .extract({ left: Math.round((meta.width! - cw) / 2), top: Math.round((meta.height! - ch) / 2), width: cw, height: ch })
    .resize({ width })
    .jpeg({ quality: 82 })
    .toBuffer();
  const fit = async (side: number) =>
    width <= side && ch * (width / cw) <= side ? original : sharp(original).resize(side, side, { fit: 'inside' }).jpeg({ quality: 82 }).toBuffer();
  return { small: await fit(SIZES.small), medium: await fit(SIZES.medium), large: await fit(SIZES.large) };
}

/** Media ids shaped like X's (15 characters, base64url). */
const mediaId = (i: number) => `Gb${String(i).padStart(5, '0')}Rr${'XkAAq1xQ'.slice(0, 8)}`.slice(0, 15);

/**
 * `count` photos, one in every `repostEvery` reposting one of `reposts` registered works (each
 * registered work reposted once or more, at another size and quality than the original).
 */
export async function buildFeed({ count, reposts, repostEvery }: { count: number; reposts: number; repostEvery: number }): Promise<Feed> {
  const files = await corpusFiles();
  const useCorpus = files.length >= reposts + 20;
  const next = random(42);
  const originals: { name: string; bytes: Buffer }[] = [];
  if (useCorpus) {
    for (const name of files) originals.push({ name, bytes: await readFile(join(CORPUS_DIR, name)) });
  } else {
    for (let i = 0; i < reposts + 100; i++) originals.push({ name: `synthetic-${i}.jpg`, bytes: await sharp(syntheticSvg(i)).jpeg({ quality: 90 }).toBuffer() });
  }
  // Registered works spread over the whole corpus (portraits, star charts, test pictures alike).
  const step = originals.length / reposts;
  const registeredIdx = Array.from({ length: reposts }, (_, i) => Math.floor(i * step));
  const registered = registeredIdx.map((i) => originals[i]);
  const others = originals.filter((_, i) => !registeredIdx.includes(i));

  const images: FeedImage[] = [];
  let repost = 0, other = 0;
  for (let i = 0; i < count; i++) {
    const width = 600 + Math.round(next() * 1000);
    const isRepost = i % repostEvery === repostEvery - 1;
    // Photos not registered appear more than once only as other crops of the same picture: other posts.
    const source = isRepost ? registered[repost % reposts] : others[other % others.length];
    const crop = isRepost ? 0 : Math.floor(other / others.length) * 0.12;
    images.push({ id: mediaId(i), repostOf: isRepost ? repost % reposts : undefined, width, variants: await variantsOf(source.bytes, width, crop) });
    if (isRepost) repost++;
    else other++;
  }

  const avatars = await Promise.all(
    [0, 1, 2, 3].map(async (i) => sharp(others[i].bytes).resize(48, 48, { fit: 'cover' }).jpeg({ quality: 80 }).toBuffer()),
  );
  const byId = new Map(images.map((image) => [image.id, image]));
  const site: FixtureSite = {
    name: 'X feed (bench)',
    hosts: ['x.com', 'pbs.twimg.com'],
    async handle(url) {
      if (url.hostname === 'x.com') {
        if (url.pathname === '/home') return html(PAGE);
        if (url.pathname === '/i/api/timeline') {
          const cursor = Number(url.searchParams.get('cursor') ?? 0);
          const round = url.searchParams.get('r') ?? '0';
          const slice = images.slice(cursor * PAGE_SIZE, (cursor + 1) * PAGE_SIZE);
          const body = {
            html: slice.map((image, i) => renderPost(image, cursor * PAGE_SIZE + i, round)).join(''),
            next: (cursor + 1) * PAGE_SIZE < images.length ? cursor + 1 : null,
          };
          return { type: 'application/json', body: JSON.stringify(body) };
        }
        return undefined;
      }
      const media = /^\/media\/([\w-]+)$/.exec(url.pathname);
      if (media) {
        const image = byId.get(media[1]);
        const name = (url.searchParams.get('name') ?? 'large') as keyof typeof SIZES;
        return image && jpeg(image.variants[name in SIZES ? name : 'large']);
      }
      const avatar = /^\/profile_images\/av(\d)_normal\.jpg$/.exec(url.pathname);
      return avatar ? jpeg(avatars[Number(avatar[1])]) : undefined;
    },
  };
  return { source: useCorpus ? `${CORPUS_DIR} (${originals.length} JPEGs ≤ 640 px, scaled to 600–1600 px)` : 'synthetic SVG pictures (no corpus found)', registered, images, site };
}

/** `round` makes every photo URL new, so a second pass over the feed hits no cache anywhere. */
function renderPost(image: FeedImage, index: number, round: string): string {
  const handle = `user${index % 37}`;
  const status = `https://x.com/${handle}/status/18600000000${String(index).padStart(6, '0')}`;
  const avatar = `https://pbs.twimg.com/profile_images/av${index % 4}_normal.jpg`;
  const src = `https://pbs.twimg.com/media/${image.id}?format=jpg&amp;name=medium&amp;r=${encodeURIComponent(round)}`;
  return (
    `<div data-testid="cellInnerDiv"><article role="article" tabindex="0" data-testid="tweet">` +
    `<div class="avatar-col"><div data-testid="Tweet-User-Avatar"><div class="avatar"><a href="/${handle}">` +
    `<div class="bg" style="background-image: url(&quot;${avatar}&quot;);"></div><img alt="" src="${avatar}" class="css-9pa8cd"></a></div></div></div>` +
    `<div class="body-col"><div data-testid="User-Name"><span class="name">User ${index % 37}</span> <a href="/${handle}" class="handle">@${handle}</a></div>` +
    `<div data-testid="tweetText" lang="en" dir="auto">Post number ${index} of the bench feed.</div>` +
    `<div class="media"><a href="${status}/photo/1"><div aria-label="Image" data-testid="tweetPhoto" class="photo">` +
    `<div class="bg" style="background-image: url(&quot;${src}&quot;);"></div><img alt="Image" src="${src}" class="css-9pa8cd"></div></a></div>` +
    `<div role="group" class="actions"><button>💬</button><button>🔁</button><button>♡</button></div></div></article></div>`
  );
}

const PAGE = `<!doctype html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Home / X</title>
<style>
  body { margin: 0; font: 15px/20px system-ui, sans-serif; background: #000; color: #e7e9ea; }
  main { display: flex; justify-content: center; }
  [data-testid="primaryColumn"] { width: 600px; border-inline: 1px solid #2f3336; min-height: 100vh; }
  article { display: flex; gap: 12px; padding: 12px 16px; border-bottom: 1px solid #2f3336; }
  .avatar { position: relative; width: 40px; height: 40px; border-radius: 50%; overflow: hidden; }
  .body-col { flex: 1; min-width: 0; } .name { font-weight: 700; } .handle { color: #71767b; }
  [data-testid="tweetText"] { margin: 2px 0 12px; }
  .media { border: 1px solid #2f3336; border-radius: 16px; overflow: hidden; }
  .photo { position: relative; aspect-ratio: 3 / 2; }
  .bg { position: absolute; inset: 0; background-size: cover; background-position: center; }
  .css-9pa8cd { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; z-index: -1; }
  .actions { display: flex; gap: 48px; margin-top: 12px; } .actions button { background: none; border: 0; color: #71767b; }
  #loading { padding: 24px; text-align: center; color: #71767b; }
</style></head>
<body><div id="react-root"><main role="main"><div data-testid="primaryColumn">
<div aria-label="Timeline: Your Home Timeline"><div id="cells"></div></div><div id="loading">Loading…</div>
</div></main></div>
<script>
  const cells = document.getElementById('cells');
  const round = new URLSearchParams(location.search).get('r') || '0';
  let cursor = 0, busy = false;
  async function more() {
    if (busy || cursor === null) return;
    busy = true;
    const page = await (await fetch('/i/api/timeline?cursor=' + cursor + '&r=' + encodeURIComponent(round))).json();
    cells.insertAdjacentHTML('beforeend', page.html);
    cursor = page.next;
    if (cursor === null) document.getElementById('loading').textContent = 'You’re all caught up';
    busy = false;
    if (innerHeight + scrollY > document.documentElement.scrollHeight - 1500) more();
  }
  addEventListener('scroll', () => { if (innerHeight + scrollY > document.documentElement.scrollHeight - 1500) more(); }, { passive: true });
  more();
</script></body></html>`;
