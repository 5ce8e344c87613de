import type { Recipe } from '../harness/images.ts';
import { escapeHtml, feedLoaderScript, html, jpeg, type FixtureSite } from './site.ts';

/**
 * A home timeline shaped like X's: client-rendered after load, `article[data-testid="tweet"]` cells,
 * images from pbs.twimg.com, and more posts fetched when the reader nears the bottom.
 * As on x.com, each picture is a background-image div with a transparent `<img>` stretched over it
 * (class css-9pa8cd: opacity 0), so a scanner that skips invisible images misses every post image.
 */

interface Post {
  user: string;
  handle: string;
  /** profile_images key: the avatar recipe below. */
  avatar: keyof typeof AVATARS;
  text: string;
  /** media key: the photo recipe below. */
  photo?: keyof typeof MEDIA;
}

/** Media ids as X makes them (15 characters, base64url). */
export const MEDIA = {
  catRepost: { id: 'GdTbyCt7XkAAq1x', recipe: { kind: 'repost', file: 'tabby-cat.jpg' } },
  coffee: { id: 'GdCofE3WsAA9kLm', recipe: { kind: 'original', file: 'coffee.jpg' } },
  rocket: { id: 'GdRkt0pXcAAz7Qe', recipe: { kind: 'original', file: 'rocket.jpg' } },
  astronautRepost: { id: 'GdAstr9WIAAmP4v', recipe: { kind: 'repost', file: 'astronaut.jpg' } },
  auriga: { id: 'GdAur1gXQAAe3Hs', recipe: { kind: 'original', file: 'auriga.jpg' } },
} satisfies Record<string, { id: string; recipe: Recipe }>;

const AVATARS = {
  mugs: { id: '1790011223344556677/mG2kx_normal.jpg', recipe: { kind: 'avatar', file: 'coffee.jpg' } },
  launch: { id: '1790022334455667788/Lq8Za_normal.jpg', recipe: { kind: 'avatar', file: 'rocket.jpg' } },
  // The creator's own account: its avatar IS a registered work, and still must not be flagged.
  creator: { id: '1790033445566778899/dR4ke_normal.jpg', recipe: { kind: 'avatar', file: 'drake-blademaster.jpg' } },
  stars: { id: '1790044556677889900/sT4rs_normal.jpg', recipe: { kind: 'avatar', file: 'auriga.jpg' } },
} satisfies Record<string, { id: string; recipe: Recipe }>;

/** Pages of the timeline, as the "infinite" scroll loads them. */
const TIMELINE: Post[][] = [
  [
    { user: 'Cat Pics Daily', handle: 'catpicsdaily', avatar: 'mugs', text: 'Look at this sleepy boy 😻 (found on Pinterest, no idea who made it)', photo: 'catRepost' },
    { user: 'Drake Art', handle: 'drakeart', avatar: 'creator', text: 'Commissions open again next week! DMs are open.' },
    { user: 'Morning Brew', handle: 'morningbrew', avatar: 'mugs', text: 'Monday fuel.', photo: 'coffee' },
    { user: 'Launch Alerts', handle: 'launchalerts', avatar: 'launch', text: 'T-minus 10 minutes. Weather is go.' },
    { user: 'Launch Alerts', handle: 'launchalerts', avatar: 'launch', text: 'Liftoff! 🚀', photo: 'rocket' },
    { user: 'Drake Art', handle: 'drakeart', avatar: 'creator', text: 'Sketching dragons all day. Thread below 🧵' },
  ],
  [
    { user: 'Space Wallpapers', handle: 'spacewalls', avatar: 'stars', text: 'Wallpaper of the day ✨ repost if you like it', photo: 'astronautRepost' },
    { user: 'Star Charts', handle: 'starcharts', avatar: 'stars', text: 'Auriga, from a tenth-century star atlas.', photo: 'auriga' },
    { user: 'Morning Brew', handle: 'morningbrew', avatar: 'mugs', text: 'Second cup already.' },
  ],
];

export const X = {
  feedUrl: 'https://x.com/home',
  /** src of a post image, as the timeline renders it. */
  mediaUrl: (key: keyof typeof MEDIA) => `https://pbs.twimg.com/media/${MEDIA[key].id}?format=jpg&name=small`,
  avatarSelector: '[data-testid="Tweet-User-Avatar"] img',
  /** The post image on the first page that reposts the registered cat. */
  catRepost: `[data-testid="tweetPhoto"] img[src*="${MEDIA.catRepost.id}"]`,
  coffee: `[data-testid="tweetPhoto"] img[src*="${MEDIA.coffee.id}"]`,
  rocket: `[data-testid="tweetPhoto"] img[src*="${MEDIA.rocket.id}"]`,
  /** Only in the DOM once the reader has scrolled down. */
  astronautRepost: `[data-testid="tweetPhoto"] img[src*="${MEDIA.astronautRepost.id}"]`,
  auriga: `[data-testid="tweetPhoto"] img[src*="${MEDIA.auriga.id}"]`,
} as const;

/** One timeline cell as x.com renders it. Shared with the feed bench (bench/lib/feed-site.ts). */
export interface XPostView {
  index: number;
  user: string;
  handle: string;
  text: string;
  avatarUrl: string;
  photoUrl?: string;
}

export function renderXPost({ index, user, handle, text, avatarUrl, photoUrl }: XPostView): string {
  const status = `https://x.com/${handle}/status/18600000000000${String(index).padStart(5, '0')}`;
  const photo =
    photoUrl &&
    `<div class="media"><a href="${status}/photo/1" role="link"><div aria-label="Image" data-testid="tweetPhoto" class="photo">` +
      `<div class="bg" style="background-image: url(&quot;${escapeHtml(photoUrl)}&quot;);"></div>` +
      `<img alt="Image" draggable="true" src="${escapeHtml(photoUrl)}" class="css-9pa8cd"></div></a></div>`;
  return (
    `<div data-testid="cellInnerDiv"><article aria-labelledby="id__${index}" role="article" tabindex="0" data-testid="tweet">` +
    `<div class="avatar-col"><div data-testid="Tweet-User-Avatar"><div class="avatar"><a href="/${handle}" role="link">` +
    `<div class="bg" style="background-image: url(&quot;${escapeHtml(avatarUrl)}&quot;);"></div>` +
    `<img alt="" draggable="true" src="${escapeHtml(avatarUrl)}" class="css-9pa8cd"></a></div></div></div>` +
    `<div class="body-col"><div data-testid="User-Name"><span class="name">${escapeHtml(user)}</span> ` +
    `<a href="/${handle}" class="handle">@${handle}</a> · <a href="${status}"><time datetime="2026-11-2${index % 6}T09:00:00.000Z">Nov 2${index % 6}</time></a></div>` +
    `<div data-testid="tweetText" lang="en" dir="auto">${escapeHtml(text)}</div>${photo || ''}` +
    `<div role="group" class="actions"><button data-testid="reply">Reply</button><button data-testid="retweet">Repost</button><button data-testid="like">Like</button></div>` +
    `</div></article></div>`
  );
}

function renderPost(post: Post, index: number): string {
  return renderXPost({
    index, user: post.user, handle: post.handle, text: post.text,
    avatarUrl: `https://pbs.twimg.com/profile_images/${AVATARS[post.avatar].id}`,
    photoUrl: post.photo && X.mediaUrl(post.photo),
  });
}

/** The home timeline page around a loader script (`feedLoaderScript`) that fills `#cells`. */
export const xHomePage = (loader: string) => `<!doctype html>
<html lang="en" dir="ltr"><head><meta charset="utf-8"><title>Home / X</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  body { margin: 0; font: 15px/20px system-ui, sans-serif; background: #000; color: #e7e9ea; }
  main { display: flex; justify-content: center; }
  [data-testid="primaryColumn"] { width: 600px; border-inline: 1px solid #2f3336; min-height: 100vh; }
  h2 { margin: 0; padding: 16px; font-size: 20px; border-bottom: 1px solid #2f3336; }
  article { display: flex; gap: 12px; padding: 12px 16px; border-bottom: 1px solid #2f3336; }
  .avatar { position: relative; width: 40px; height: 40px; border-radius: 50%; overflow: hidden; }
  .body-col { flex: 1; min-width: 0; }
  .name { font-weight: 700; } .body-col a { color: #71767b; text-decoration: none; }
  [data-testid="tweetText"] { margin: 2px 0 12px; white-space: pre-wrap; }
  .media { border: 1px solid #2f3336; border-radius: 16px; overflow: hidden; }
  .photo { position: relative; aspect-ratio: 3 / 2; }
  .bg { position: absolute; inset: 0; background-size: cover; background-position: center; }
  .css-9pa8cd { position: absolute; inset: 0; width: 100%; height: 100%; opacity: 0; z-index: -1; }
  .actions { display: flex; gap: 48px; margin-top: 12px; } .actions button { background: none; border: 0; color: #71767b; }
  #loading { padding: 24px; text-align: center; color: #71767b; }
</style></head>
<body><div id="react-root"><main role="main"><div data-testid="primaryColumn">
<h2>Home</h2>
<section role="region" aria-labelledby="timeline-heading"><h1 id="timeline-heading" hidden>Your Home Timeline</h1>
<div aria-label="Timeline: Your Home Timeline"><div id="cells"></div></div></section>
<div id="loading">Loading…</div>
</div></main></div>
${loader}</body></html>`;

const PAGE = xHomePage(feedLoaderScript({
  comment: 'Client-rendered like x.com: nothing is in the HTML the content script first sees.',
  url: `'/i/api/timeline?cursor=' + cursor`,
  render: `(page) => {
    document.getElementById('cells').insertAdjacentHTML('beforeend', page.html);
    return page.next;
  }`,
  endText: 'You’re all caught up',
}));

export const xSite: FixtureSite = {
  name: 'X',
  hosts: ['x.com', 'pbs.twimg.com'],
  async handle(url, images) {
    if (url.hostname === 'x.com') {
      if (url.pathname === '/' || url.pathname === '/home') return html(PAGE);
      if (url.pathname === '/i/api/timeline') {
        const cursor = Number(url.searchParams.get('cursor') ?? 0);
        const posts = TIMELINE[cursor];
        if (!posts) return undefined;
        const offset = TIMELINE.slice(0, cursor).flat().length;
        const body = {
          html: posts.map((post, i) => renderPost(post, offset + i)).join(''),
          next: cursor + 1 < TIMELINE.length ? cursor + 1 : null,
        };
        return { type: 'application/json', body: JSON.stringify(body) };
      }
      return undefined;
    }
    const media = url.pathname.match(/^\/media\/([\w-]+)$/);
    if (media) {
      const entry = Object.values(MEDIA).find((m) => m.id === media[1]);
      return entry && jpeg(await images.get(entry.recipe));
    }
    const profile = url.pathname.match(/^\/profile_images\/(.+)$/);
    if (profile) {
      const entry = Object.values(AVATARS).find((a) => a.id === profile[1]);
      return entry && jpeg(await images.get(entry.recipe));
    }
    return undefined;
  },
};
