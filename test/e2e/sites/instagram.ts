import type { Recipe } from '../harness/images.ts';
import { escapeHtml, feedLoaderScript, html, jpeg, type FixtureSite } from './site.ts';

/**
 * A home feed shaped like Instagram's web app: client-rendered after load, one `<article>` per post,
 * the author's avatar in the post `<header>` (`<img alt="<user>'s profile picture">` next to the story
 * ring `<canvas>`), the media in `div._aagu > div._aagv > img` with a `srcset` of size variants
 * (`stp=dst-jpg_e35_p<W>x<W>` in the query, signed with `oh`/`oe`), carousels as `ul._acay > li._acaz`,
 * a stories tray of avatars on top, and more posts fetched as the reader nears the bottom.
 * Images come from scontent-*.cdninstagram.com, as on instagram.com.
 */

const CDN = 'scontent-fra3-1.cdninstagram.com';

/** Media as Instagram names them: `<a>_<b>_<c>_n.jpg` under /v/t51.29350-15/. */
export const MEDIA = {
  catRepost: { id: '468021943_1102383417960321_5517829384071254163_n', recipe: { kind: 'repost', file: 'tabby-cat.jpg' } },
  coffee: { id: '467811022_579384417811934_2290114775839011187_n', recipe: { kind: 'original', file: 'coffee.jpg' } },
  rocket: { id: '468194310_1629470337616212_8011375012391054412_n', recipe: { kind: 'original', file: 'rocket.jpg' } },
  astronautRepost: { id: '468305521_947710437268011_6630093718822417704_n', recipe: { kind: 'repost', file: 'astronaut.jpg', scale: 0.7 } },
  auriga: { id: '468310044_2008811492930077_3102938475610923345_n', recipe: { kind: 'original', file: 'auriga.jpg' } },
} satisfies Record<string, { id: string; recipe: Recipe }>;

const AVATARS = {
  mugs: { id: '431224500_7290111221094433_1990283374551092211_n', recipe: { kind: 'avatar', file: 'coffee.jpg', size: 150 } },
  launch: { id: '432998017_1120937344281774_4401928374650192837_n', recipe: { kind: 'avatar', file: 'rocket.jpg', size: 150 } },
  // The creator's own account: its avatar IS a registered work, and still must not be flagged.
  creator: { id: '429911873_3381029477720019_8820193746501928374_n', recipe: { kind: 'avatar', file: 'drake-blademaster.jpg', size: 150 } },
  stars: { id: '430077125_874409128374651_2039485761029384756_n', recipe: { kind: 'avatar', file: 'auriga.jpg', size: 150 } },
} satisfies Record<string, { id: string; recipe: Recipe }>;

interface Post {
  user: string;
  avatar: keyof typeof AVATARS;
  caption: string;
  /** One photo, or a carousel. */
  photos: Array<keyof typeof MEDIA>;
}

/** Pages of the feed, as the "infinite" scroll loads them. */
const FEED: Post[][] = [
  [
    { user: 'catpics.daily', avatar: 'mugs', caption: 'Sleepy boy 😻 credit to the owner, DM for removal', photos: ['catRepost'] },
    { user: 'drake.art', avatar: 'creator', caption: 'Commissions open next week!', photos: ['coffee'] },
    { user: 'launch.alerts', avatar: 'launch', caption: 'Liftoff 🚀 swipe for the pad', photos: ['rocket', 'coffee'] },
  ],
  [
    { user: 'space.wallpapers', avatar: 'stars', caption: 'Wallpaper of the day ✨ follow for more', photos: ['astronautRepost'] },
    { user: 'star.charts', avatar: 'stars', caption: 'Auriga, from a tenth-century star atlas.', photos: ['auriga'] },
  ],
];

const SIZES = [1080, 750, 640, 480, 320, 240, 150];

const signed = (path: string, stp: string) =>
  `https://${CDN}/v/${path}.jpg?stp=${stp}&_nc_ht=${CDN}&_nc_cat=100&_nc_ohc=Qk3xz9aT1EwQ7kNvgE&oh=00_AYC4x1f2&oe=6750B4C2`;

export const INSTAGRAM = {
  feedUrl: 'https://www.instagram.com/',
  /** A post image by its MEDIA key, whatever size variant the browser picked. */
  photo: (key: keyof typeof MEDIA) => `article ._aagv img[src*="${MEDIA[key].id}"]`,
  allPhotos: 'article ._aagv img',
  avatars: 'img[alt$="profile picture"]',
  /** Each post and story avatar of the creator: the registered drake artwork, cropped. */
  creatorAvatar: `img[src*="${AVATARS.creator.id}"]`,
  mediaIds: Object.fromEntries(Object.entries(MEDIA).map(([key, { id }]) => [key, id])) as Record<keyof typeof MEDIA, string>,
} as const;

function photo(key: keyof typeof MEDIA, user: string): string {
  const path = `t51.29350-15/${MEDIA[key].id}`;
  const srcset = SIZES.map((w) => `${signed(path, `dst-jpg_e35_p${w}x${w}_sh0.08`)} ${w}w`).join(',');
  return (
    `<div class="_aagu"><div class="_aagv" style="padding-bottom: 100%;">` +
    `<img alt="Photo by ${escapeHtml(user)} on November 24, 2026." class="x5yr21d xu96u03 x10l6tqk x13vifvy x87ps6o xh8yej3" ` +
    `crossorigin="anonymous" decoding="auto" sizes="468px" src="${escapeHtml(signed(path, 'dst-jpg_e35_p1080x1080'))}" ` +
    `srcset="${escapeHtml(srcset)}" style="object-fit: cover;"></div><div class="_aagw"></div></div>`
  );
}

const avatarImg = (key: keyof typeof AVATARS, user: string, size: number) =>
  `<img alt="${escapeHtml(user)}'s profile picture" class="xpdipgo x972fbf xcfux6l x1qhh985 xm0m39n xk390pu x5yr21d" crossorigin="anonymous" ` +
  `draggable="false" src="${escapeHtml(signed(`t51.2885-19/${AVATARS[key].id}`, 'dst-jpg_s150x150'))}" style="width:${size}px;height:${size}px">`;

function renderPost(post: Post, index: number): string {
  const media =
    post.photos.length === 1
      ? photo(post.photos[0], post.user)
      : `<div class="_aatk"><ul class="_acay">${post.photos.map((key) => `<li class="_acaz">${photo(key, post.user)}</li>`).join('')}</ul></div>`;
  return (
    `<article class="x1lliihq x1n2onr6 xh8yej3" data-post="${index}"><div>` +
    `<header class="_aaqw"><div class="x1ey2m1c"><canvas class="x1upo8f9" height="42" width="42"></canvas>` +
    `<a href="/${post.user}/" role="link" tabindex="-1">${avatarImg(post.avatar, post.user, 32)}</a></div>` +
    `<div class="_aaqt"><a href="/${post.user}/" class="x1i10hfl" role="link"><span>${escapeHtml(post.user)}</span></a> • <time datetime="2026-11-2${index % 6}T08:00:00.000Z">2d</time></div></header>` +
    `<div class="x1lliihq x1n2onr6">${media}</div>` +
    `<section class="_aamu"><span><button class="_abl-" type="button" aria-label="Like">♡</button></span> <span><button type="button" aria-label="Comment">💬</button></span></section>` +
    `<div class="_ae2s"><span class="_ap3a">${escapeHtml(post.user)}</span> <span>${escapeHtml(post.caption)}</span></div>` +
    `</div></article>`
  );
}

const STORIES = (['creator', 'mugs', 'launch', 'stars'] as const)
  .map((key) => `<li class="_acaz"><button type="button"><canvas height="66" width="66"></canvas>${avatarImg(key, key, 56)}</button></li>`)
  .join('');

const PAGE = `<!doctype html>
<html lang="en" class="_9dls"><head><meta charset="utf-8"><title>Instagram</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { margin: 0; font: 14px/18px -apple-system, system-ui, sans-serif; background: #fff; color: #000; }
  main { display: flex; justify-content: center; padding-top: 24px; }
  .feed { width: 470px; }
  .stories ul { display: flex; gap: 12px; list-style: none; padding: 0; margin: 0 0 24px; }
  .stories canvas { position: absolute; }
  .stories button { position: relative; background: none; border: 0; padding: 5px; }
  .stories img, header img { border-radius: 50%; display: block; }
  article { border-bottom: 1px solid #dbdbdb; padding-bottom: 16px; margin-bottom: 12px; }
  header { display: flex; align-items: center; gap: 10px; padding: 8px 0; }
  header canvas { position: absolute; width: 42px; height: 42px; margin: -5px; }
  .x1ey2m1c { position: relative; }
  ._aagu { position: relative; }
  ._aagv { position: relative; overflow: hidden; }
  ._aagv img { position: absolute; inset: 0; width: 100%; height: 100%; }
  ._aagw { position: absolute; inset: 0; }
  ._acay { display: flex; overflow-x: auto; scroll-snap-type: x mandatory; list-style: none; margin: 0; padding: 0; }
  ._acay > ._acaz { flex: 0 0 100%; scroll-snap-align: start; }
  section button { background: none; border: 0; font-size: 22px; }
  #loading { padding: 24px; text-align: center; color: #737373; }
</style></head>
<body><div id="mount_0_0_Ab"><div class="x9f619"><main role="main"><div class="feed">
<div class="stories" role="menu"><ul>${STORIES}</ul></div>
<div id="posts"></div><div id="loading">Loading…</div>
</div></main></div></div>
${feedLoaderScript({
  comment: 'Client-rendered like instagram.com: posts arrive after load, more when the reader nears the end.',
  url: `'/graphql/query/?feed_cursor=' + cursor`,
  render: `(page) => {
    document.getElementById('posts').insertAdjacentHTML('beforeend', page.html);
    return page.next;
  }`,
  endText: 'You’ve completely caught up',
})}</body></html>`;

export const instagramSite: FixtureSite = {
  name: 'Instagram',
  hosts: ['www.instagram.com', CDN],
  async handle(url, images) {
    if (url.hostname === 'www.instagram.com') {
      if (url.pathname === '/') return html(PAGE);
      if (url.pathname === '/graphql/query/') {
        const cursor = Number(url.searchParams.get('feed_cursor') ?? 0);
        const posts = FEED[cursor];
        if (!posts) return undefined;
        const offset = FEED.slice(0, cursor).flat().length;
        const body = { html: posts.map((post, i) => renderPost(post, offset + i)).join(''), next: cursor + 1 < FEED.length ? cursor + 1 : null };
        return { type: 'application/json', body: JSON.stringify(body) };
      }
      return undefined;
    }
    const media = url.pathname.match(/^\/v\/t51\.29350-15\/(\w+)\.jpg$/);
    if (media) {
      const entry = Object.values(MEDIA).find((m) => m.id === media[1]);
      return entry && jpeg(await images.get(entry.recipe));
    }
    const avatar = url.pathname.match(/^\/v\/t51\.2885-19\/(\w+)\.jpg$/);
    if (avatar) {
      const entry = Object.values(AVATARS).find((a) => a.id === avatar[1]);
      return entry && jpeg(await images.get(entry.recipe));
    }
    return undefined;
  },
};
