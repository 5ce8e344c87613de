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
import { feedLoaderScript, html, jpeg, type FixtureSite } from '../../test/e2e/sites/site.ts';
import { renderXPost, xHomePage } from '../../test/e2e/sites/x.ts';
import { rng } from './transforms.ts';

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

async function corpusFiles(): Promise<string[]> {
  try {
    return (await readdir(CORPUS_DIR)).filter((name) => name.endsWith('.jpg')).sort();
  } catch {
    return [];
  }
}

/** A picture with some structure (overlapping shapes on a tinted ground) when there is no corpus. */
function syntheticSvg(seed: number): Buffer {
  const next = rng(seed + 1);
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
export async function buildFeed({ count, reposts, repostEvery, recycle = false }: { count: number; reposts: number; repostEvery: number; recycle?: boolean }): Promise<Feed> {
  const files = await corpusFiles();
  const useCorpus = files.length >= reposts + 20;
  const next = rng(42);
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
        if (url.pathname === '/home') return html(recycle ? RECYCLING_PAGE : PAGE);
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
  return renderXPost({
    index,
    user: `User ${index % 37}`,
    handle: `user${index % 37}`,
    text: `Post number ${index} of the bench feed.`,
    avatarUrl: `https://pbs.twimg.com/profile_images/av${index % 4}_normal.jpg`,
    photoUrl: `https://pbs.twimg.com/media/${image.id}?format=jpg&name=medium&r=${encodeURIComponent(round)}`,
  });
}

const LOADER = feedLoaderScript({
  comment: 'X-shaped home timeline; ?r= names the round, so a second pass fetches every photo anew.',
  url: `'/i/api/timeline?cursor=' + cursor + '&r=' + encodeURIComponent(new URLSearchParams(location.search).get('r') || '0')`,
  render: `(page) => {
    document.getElementById('cells').insertAdjacentHTML('beforeend', page.html);
    return page.next;
  }`,
  endText: 'You’re all caught up',
  margin: 1500,
  keepFilling: true,
});

const PAGE = xHomePage(LOADER);

/**
 * `--recycle`: as on x.com, whose timeline is a virtualized list (`cellInnerDiv` cells placed by
 * `transform: translateY`, only those near the viewport in the page), posts more than two viewports above
 * are taken out; a spacer keeps the others where they were. Every change to the page costs Chromium work
 * that grows with the page's size, so this is the feed as X keeps it, against 300 posts all kept.
 */
const RECYCLING_PAGE = xHomePage(`${LOADER}<script>
  const cells = document.getElementById('cells');
  const spacer = document.createElement('div');
  cells.before(spacer);
  let recycled = 0;
  addEventListener('scroll', () => {
    const far = [];
    for (let cell = cells.firstElementChild; cell && cell.getBoundingClientRect().bottom < -2 * innerHeight; cell = cell.nextElementSibling) far.push(cell);
    if (far.length === 0) return;
    recycled += far[far.length - 1].getBoundingClientRect().bottom - far[0].getBoundingClientRect().top;
    spacer.style.height = recycled + 'px';
    for (const cell of far) cell.remove();
  }, { passive: true });
</script>`);
