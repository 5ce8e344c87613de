import type { Recipe } from '../harness/images.ts';
import { escapeHtml, feedLoaderScript, html, jpeg, type FixtureSite } from './site.ts';

/**
 * A home feed shaped like Pinterest's: a masonry grid (`div[role="list"]` of absolutely placed
 * `div[role="listitem"][data-grid-item]`), each pin a `div[data-test-id="pinWrapper"]` >
 * `[data-test-id="pin"]` with the image in `[data-test-id="pin-visual-wrapper"]` /
 * `[data-test-id="non-story-pin-image"]` and the pinner's avatar in `[data-test-id="pinrep-footer"]`.
 * Images come from i.pinimg.com with the size as the first path part: the grid shows `/236x/` with a
 * srcset `236x 1x, 474x 2x, 736x 3x, originals 4x`; avatars are `/30x30_RS/` crops. More pins load as
 * the reader nears the bottom.
 */

/** Pin image hashes as i.pinimg.com names them: /<size>/<h[0:2]>/<h[2:4]>/<h[4:6]>/<h>.jpg. */
export const PINS = {
  catRepost: { hash: 'a77c67f95a4fec64de7969e98f29cf3b', recipe: { kind: 'repost', file: 'tabby-cat.jpg', scale: 0.6 } },
  coffee: { hash: '2cf86283cf5cc356cf4bc2058d5f4f32', recipe: { kind: 'original', file: 'coffee.jpg' } },
  rocket: { hash: 'f9d9ca123edd5e401d530edfbf92cf86', recipe: { kind: 'original', file: 'rocket.jpg' } },
  auriga: { hash: '23907fe5a65e6ae4decbad50a6df3260', recipe: { kind: 'original', file: 'auriga.jpg' } },
  astronautRepost: { hash: '5acff0105eaab461e80c349f84f5c3a1', recipe: { kind: 'repost', file: 'astronaut.jpg', scale: 0.5, quality: 60 } },
} satisfies Record<string, { hash: string; recipe: Recipe }>;

/** More unrelated pins, so the first page fills the screen as Pinterest's does (and the grid can be scrolled). */
const FILLERS: Array<{ hash: string; recipe: Recipe }> = Array.from({ length: 12 }, (_, i) => ({
  hash: `${(0x3b9aca00 + i * 7919).toString(16)}c0ffee${String(i).padStart(2, '0')}d15ea5e0000000`.padEnd(32, '0'),
  recipe: { kind: 'original', file: ['coffee.jpg', 'rocket.jpg', 'auriga.jpg'][i % 3] },
}));

const AVATARS = {
  mugs: { hash: 'ae1c4617280590a22dd4a4d2782c42ae', recipe: { kind: 'avatar', file: 'coffee.jpg', size: 30 } },
  // The creator's own account: its avatar IS a registered work, and still must not be flagged.
  creator: { hash: '14f435eaaf8d107cca5055ce150eaf47', recipe: { kind: 'avatar', file: 'drake-blademaster.jpg', size: 30 } },
  stars: { hash: '7acb209c594f42e0d56b87d70421c85d', recipe: { kind: 'avatar', file: 'auriga.jpg', size: 30 } },
} satisfies Record<string, { hash: string; recipe: Recipe }>;

interface Pin {
  id: string;
  title: string;
  /** A PINS key, or the index of a filler. */
  pin: keyof typeof PINS | number;
  pinner: keyof typeof AVATARS;
  /** Height of the image in the 236 px wide column. */
  height: number;
}

const FEED: Pin[][] = [
  [
    { id: '844493674123456701', title: 'Cute cat wallpaper', pin: 'catRepost', pinner: 'mugs', height: 315 },
    { id: '844493674123456702', title: 'Morning coffee aesthetic', pin: 'coffee', pinner: 'mugs', height: 354 },
    { id: '844493674123456703', title: 'Rocket launch', pin: 'rocket', pinner: 'creator', height: 236 },
    { id: '844493674123456704', title: 'Vintage star chart', pin: 'auriga', pinner: 'stars', height: 300 },
    ...FILLERS.map((_, i) => ({ id: `8444936741234568${String(i).padStart(2, '0')}`, title: 'Home decor ideas', pin: i, pinner: 'mugs' as const, height: 236 + ((i * 53) % 180) })),
  ],
  [{ id: '844493674123456705', title: 'Space aesthetic wallpaper iphone', pin: 'astronautRepost', pinner: 'stars', height: 420 }],
];

const path = (size: string, hash: string) => `/${size}/${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash.slice(4, 6)}/${hash}.jpg`;
const hashOf = (pin: Pin['pin']) => (typeof pin === 'number' ? FILLERS[pin].hash : PINS[pin].hash);
const pinUrl = (size: string, pin: Pin['pin']) => `https://i.pinimg.com${path(size, hashOf(pin))}`;

export const PINTEREST = {
  feedUrl: 'https://www.pinterest.com/',
  /** A pin's image in the grid by its PINS key. */
  pin: (key: keyof typeof PINS) => `[data-test-id="pinWrapper"] img[src*="${PINS[key].hash}"]`,
  allPins: '[data-test-id="pinWrapper"] [data-test-id="pin-visual-wrapper"] img',
  avatars: '[data-test-id="pinrep-footer"] img',
  /** What the extension should fetch for a grid pin: the 474x variant (smallest ≥ 256 px), never the original. */
  fetched: (key: keyof typeof PINS) => `i.pinimg.com${path('474x', PINS[key].hash)}`,
  original: (key: keyof typeof PINS) => `i.pinimg.com${path('originals', PINS[key].hash)}`,
} as const;

const COLUMN = 252;

function renderPin(pin: Pin, index: number): string {
  const srcset = ['236x 1x', '474x 2x', '736x 3x', 'originals 4x'].map((entry) => {
    const [size, density] = entry.split(' ');
    return `${pinUrl(size, pin.pin)} ${density}`;
  });
  const avatar = `https://i.pinimg.com${path('30x30_RS', AVATARS[pin.pinner].hash)}`;
  return (
    `<div role="listitem" data-grid-item="true" class="Yl- MIw Hb7" style="top: 0px; left: 0px; transform: translateX(${(index % 4) * COLUMN}px) translateY(0px); width: 236px; height: ${pin.height + 64}px;">` +
    `<div data-test-id="pinWrapper"><div data-test-id="pin" data-test-pin-id="${pin.id}" class="Jea XiG zI7 iyn Hsu">` +
    `<a aria-label="${escapeHtml(pin.title)}" href="/pin/${pin.id}/" tabindex="0"><div data-test-id="pin-visual-wrapper" class="XiG zI7 iyn Hsu">` +
    `<div data-test-id="non-story-pin-image" class="zI7 iyn Hsu" style="height: ${pin.height}px"><div class="XiG zI7 iyn Hsu" style="border-radius: 16px; overflow: hidden; height: 100%">` +
    `<img alt="${escapeHtml(pin.title)}" class="hCL kVc L4E MIw" fetchpriority="auto" loading="auto" src="${pinUrl('236x', pin.pin)}" srcset="${srcset.join(', ')}">` +
    `</div></div></div></a>` +
    `<div data-test-id="pinrep-footer"><div data-test-id="pinrep-footer-organic-title"><a href="/pin/${pin.id}/">${escapeHtml(pin.title)}</a></div>` +
    `<div class="Jea"><img alt="${pin.pinner}" class="hCL kVc L4E MIw" src="${avatar}" style="width: 24px; height: 24px; border-radius: 50%"> <span>${pin.pinner}</span></div></div>` +
    `</div></div></div>`
  );
}

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pinterest</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 14px/1.3 -apple-system, system-ui, sans-serif; color: #111; }
  .header { height: 80px; display: flex; align-items: center; padding: 0 16px; }
  .masonry { position: relative; width: ${4 * COLUMN}px; margin: 0 auto; }
  [data-grid-item] { position: absolute; }
  img.hCL { width: 100%; height: 100%; object-fit: cover; display: block; }
  [data-test-id="pinrep-footer"] { padding: 8px 4px; }
  [data-test-id="pinrep-footer"] .Jea { display: flex; align-items: center; gap: 6px; }
  #loading { position: absolute; left: 0; right: 0; text-align: center; color: #767676; }
</style></head>
<body><div id="__PWS_ROOT__"><div class="header" data-test-id="header"><a href="/" aria-label="Home">Pinterest</a></div>
<div class="masonry" role="list" data-test-id="masonry-container"><div id="loading">Loading…</div></div></div>
${feedLoaderScript({
  comment: 'A masonry grid that places each pin in the shortest column, and fetches more near the end.',
  url: `'/resource/UserHomefeedResource/get/?bookmark=' + cursor`,
  render: `((heights) => (page) => {
    const grid = document.querySelector('.masonry');
    for (const pin of page.pins) {
      const column = heights.indexOf(Math.min(...heights));
      grid.insertAdjacentHTML('beforeend', pin.html);
      grid.lastElementChild.style.transform = 'translateX(' + column * ${COLUMN} + 'px) translateY(' + heights[column] + 'px)';
      heights[column] += pin.height + 80;
    }
    const tallest = Math.max(...heights);
    grid.style.height = tallest + 'px';
    loading.style.top = tallest + 'px';
    return page.next;
  })([0, 0, 0, 0])`,
  endText: 'That’s all for now',
  margin: 600,
})}</body></html>`;

export const pinterestSite: FixtureSite = {
  name: 'Pinterest',
  hosts: ['www.pinterest.com', 'i.pinimg.com'],
  async handle(url, images) {
    if (url.hostname === 'www.pinterest.com') {
      if (url.pathname === '/') return html(PAGE);
      if (url.pathname === '/resource/UserHomefeedResource/get/') {
        const cursor = Number(url.searchParams.get('bookmark') ?? 0);
        const pins = FEED[cursor];
        if (!pins) return undefined;
        const offset = FEED.slice(0, cursor).flat().length;
        const body = {
          pins: pins.map((pin, i) => ({ height: pin.height, html: renderPin(pin, offset + i) })),
          next: cursor + 1 < FEED.length ? cursor + 1 : null,
        };
        return { type: 'application/json', body: JSON.stringify(body) };
      }
      return undefined;
    }
    const match = url.pathname.match(/^\/(\d+x|originals|\d+x\d+_RS)\/\w\w\/\w\w\/\w\w\/(\w+)\.jpg$/);
    if (!match) return undefined;
    const [, size, hash] = match;
    if (size.endsWith('_RS')) {
      const avatar = Object.values(AVATARS).find((a) => a.hash === hash);
      return avatar && jpeg(await images.get(avatar.recipe));
    }
    const pin = [...Object.values(PINS), ...FILLERS].find((p) => p.hash === hash);
    return pin && jpeg(await images.get(pin.recipe));
  },
};
