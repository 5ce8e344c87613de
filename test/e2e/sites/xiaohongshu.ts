import type { Recipe } from '../harness/images.ts';
import { escapeHtml, feedLoaderScript, html, jpeg, type FixtureSite } from './site.ts';

/**
 * The explore feed shaped like Xiaohongshu's web app: a waterfall `.feeds-container` of absolutely
 * placed `section.note-item[data-note-id]` cards, each with its cover as `a.cover > img`
 * (sns-webpic-qc.xhscdn.com/<timestamp>/<signature>/<file id>!nc_n_webp_mw_1), the title in
 * `.footer .title`, the author as `a.author > img.author-avatar` (sns-avatar-qc.xhscdn.com/avatar/…)
 * with `.name`, likes in `.like-wrapper .count`; more notes load (`/api/sns/web/v1/homefeed`) as the
 * reader nears the bottom.
 */

/** Cover file ids as Xiaohongshu names them (1040g… ids). */
export const NOTES = {
  catRepost: { noteId: '6744f8a0000000000703b1a2', fileId: '1040g00831am6r2kk3e005p0a3d8k1vr8oq0ld10', recipe: { kind: 'repost', file: 'tabby-cat.jpg', scale: 0.7 } },
  coffee: { noteId: '6744f9b1000000001a01c2d3', fileId: '1040g2sg31am7c9j0kq6g5nq1b2c3d4e5f6g7h8i', recipe: { kind: 'original', file: 'coffee.jpg' } },
  rocket: { noteId: '6744fa12000000000203d4e5', fileId: '1040g00831am7d0k1lr605p0a3d8k1vr8oq0ld20', recipe: { kind: 'original', file: 'rocket.jpg' } },
  auriga: { noteId: '6744fb23000000001e02e5f6', fileId: '1040g2sg31am7e1l2ms6g5nq1b2c3d4e5f6g7h9j', recipe: { kind: 'original', file: 'auriga.jpg' } },
  astronautRepost: { noteId: '6744fc34000000000b01f6a7', fileId: '1040g00831am7f2m3nt705p0a3d8k1vr8oq0ld30', recipe: { kind: 'repost', file: 'astronaut.jpg', scale: 0.6 } },
} satisfies Record<string, { noteId: string; fileId: string; recipe: Recipe }>;

/** More unrelated notes, so the first page fills the screen as the real feed does (and can be scrolled). */
const FILLERS: Array<{ noteId: string; fileId: string; recipe: Recipe }> = Array.from({ length: 12 }, (_, i) => ({
  noteId: `6744fd${String(i).padStart(2, '0')}000000000c01a7b8`,
  fileId: `1040g2sg31am8${String(i).padStart(2, '0')}x4ou6g5nq1b2c3d4e5f6g7`,
  recipe: { kind: 'original', file: ['coffee.jpg', 'rocket.jpg', 'auriga.jpg'][i % 3] },
}));

const AVATARS = {
  mugs: { id: '1040g2jo31a4k7m8d3e6g5p0a3d8k1vr8oq0ld1a', recipe: { kind: 'avatar', file: 'coffee.jpg', size: 80 } },
  // The creator's own account: its avatar IS a registered work, and still must not be flagged.
  creator: { id: '1040g2jo31a4k7m8d3e6g5p0a3d8k1vr8oq0ld2b', recipe: { kind: 'avatar', file: 'drake-blademaster.jpg', size: 80 } },
  stars: { id: '1040g2jo31a4k7m8d3e6g5p0a3d8k1vr8oq0ld3c', recipe: { kind: 'avatar', file: 'auriga.jpg', size: 80 } },
} satisfies Record<string, { id: string; recipe: Recipe }>;

interface Note {
  /** A NOTES key, or the index of a filler. */
  note: keyof typeof NOTES | number;
  title: string;
  author: string;
  avatar: keyof typeof AVATARS;
  likes: string;
  /** Cover height in the 244 px column. */
  height: number;
}

const FEED: Note[][] = [
  [
    { note: 'catRepost', title: '救命！这只小猫也太治愈了吧😭', author: '猫猫日记', avatar: 'mugs', likes: '1340', height: 325 },
    { note: 'coffee', title: '早八人的续命咖啡☕️', author: '咖啡探店', avatar: 'mugs', likes: '892', height: 300 },
    { note: 'rocket', title: '约稿开放中｜龙骑士系列', author: '龙骑士画师', avatar: 'creator', likes: '77', height: 244 },
    { note: 'auriga', title: '古代星图里的御夫座', author: '星空收藏家', avatar: 'stars', likes: '2.1万', height: 310 },
    ...FILLERS.map((_, i) => ({ note: i, title: '周末去哪儿｜城市漫步路线', author: '城市漫步', avatar: 'mugs' as const, likes: String(100 + i * 37), height: 244 + ((i * 61) % 160) })),
  ],
  [{ note: 'astronautRepost', title: '宇航员壁纸｜超清无水印', author: '壁纸分享', avatar: 'stars', likes: '5.6万', height: 433 }],
];

const noteOf = (note: Note['note']) => (typeof note === 'number' ? FILLERS[note] : NOTES[note]);
const coverUrl = (note: Note['note']) =>
  `https://sns-webpic-qc.xhscdn.com/202611261530/9d2f4c0a3e7b1c8d5a6f0e2b4c7d9a1e/${noteOf(note).fileId}!nc_n_webp_mw_1`;
const avatarUrl = (key: keyof typeof AVATARS) => `https://sns-avatar-qc.xhscdn.com/avatar/${AVATARS[key].id}?imageView2/2/w/80/format/jpg`;

export const XIAOHONGSHU = {
  feedUrl: 'https://www.xiaohongshu.com/explore',
  cover: (key: keyof typeof NOTES) => `section.note-item a.cover img[src*="${NOTES[key].fileId}"]`,
  allCovers: 'section.note-item a.cover img',
  avatars: 'img.author-avatar',
} as const;

const COLUMN = 260;

function renderNote(note: Note, index: number): string {
  const { noteId } = noteOf(note.note);
  return (
    `<section class="note-item" data-width="1080" data-height="${Math.round((note.height / 244) * 1080)}" data-index="${index}" data-note-id="${noteId}" style="width: 244px; position: absolute;">` +
    `<div><a href="/explore/${noteId}" style="display: none;"></a>` +
    `<a class="cover mask ld" target="_self" href="/explore/${noteId}?xsec_token=ABk3x9Q_mR2vT8&amp;xsec_source=pc_feed" style="height: ${note.height}px;">` +
    `<img src="${coverUrl(note.note)}" data-xhs-img="" elementtiming="card-exposed" style="object-fit: cover; width: 100%; height: 100%;"></a>` +
    `<div class="footer"><a class="title" href="/explore/${noteId}"><span>${escapeHtml(note.title)}</span></a>` +
    `<div class="card-bottom-wrapper"><a class="author" href="/user/profile/5c315a550000000006031475"><img class="author-avatar" src="${escapeHtml(avatarUrl(note.avatar))}">` +
    `<span class="name">${escapeHtml(note.author)}</span></a><span class="like-wrapper like-active"><span class="count">${note.likes}</span></span></div></div></div></section>`
  );
}

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>小红书 - 你的生活指南</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  body { margin: 0; font: 14px/1.4 -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; color: #333; }
  .header-container { height: 72px; display: flex; align-items: center; padding: 0 24px; }
  .feeds-container { position: relative; width: ${4 * COLUMN}px; margin: 0 auto; }
  .note-item .cover { display: block; border-radius: 16px; overflow: hidden; position: relative; }
  .footer { padding: 10px 6px; }
  .title { color: #333; text-decoration: none; display: block; margin-bottom: 6px; }
  .card-bottom-wrapper { display: flex; justify-content: space-between; align-items: center; }
  .author { display: flex; gap: 6px; align-items: center; color: #666; text-decoration: none; }
  .author-avatar { width: 20px; height: 20px; border-radius: 50%; }
  #loading { position: absolute; left: 0; right: 0; text-align: center; color: #999; }
</style></head>
<body><div id="app"><div class="header-container"><a href="/explore" class="logo">小红书</a></div>
<div id="exploreFeeds" class="feeds-page"><div class="feeds-container"><div id="loading">加载中</div></div></div></div>
${feedLoaderScript({
  comment: 'A waterfall like xiaohongshu.com\'s: each note in the shortest column, more notes near the end.',
  url: `'/api/sns/web/v1/homefeed?cursor_score=' + cursor + '&num=20&refresh_type=3'`,
  render: `((heights) => (page) => {
    const container = document.querySelector('.feeds-container');
    for (const note of page.items) {
      const column = heights.indexOf(Math.min(...heights));
      container.insertAdjacentHTML('beforeend', note.html);
      container.lastElementChild.style.transform = 'translate(' + column * ${COLUMN} + 'px, ' + heights[column] + 'px)';
      heights[column] += note.height + 90;
    }
    const tallest = Math.max(...heights);
    container.style.height = tallest + 'px';
    loading.style.top = tallest + 'px';
    return page.cursor_score;
  })([0, 0, 0, 0])`,
  endText: '- THE END -',
  margin: 600,
})}</body></html>`;

export const xiaohongshuSite: FixtureSite = {
  name: 'Xiaohongshu',
  hosts: ['www.xiaohongshu.com', 'sns-webpic-qc.xhscdn.com', 'sns-avatar-qc.xhscdn.com'],
  async handle(url, images) {
    if (url.hostname === 'www.xiaohongshu.com') {
      if (url.pathname === '/explore') return html(PAGE);
      if (url.pathname === '/api/sns/web/v1/homefeed') {
        const cursor = Number(url.searchParams.get('cursor_score') ?? 0);
        const notes = FEED[cursor];
        if (!notes) return undefined;
        const offset = FEED.slice(0, cursor).flat().length;
        const body = {
          items: notes.map((note, i) => ({ height: note.height, html: renderNote(note, offset + i) })),
          cursor_score: cursor + 1 < FEED.length ? cursor + 1 : null,
        };
        return { type: 'application/json', body: JSON.stringify(body) };
      }
      return undefined;
    }
    if (url.hostname === 'sns-avatar-qc.xhscdn.com') {
      const id = url.pathname.match(/^\/avatar\/(\w+)$/)?.[1];
      const entry = Object.values(AVATARS).find((a) => a.id === id);
      return entry && jpeg(await images.get(entry.recipe));
    }
    const fileId = decodeURIComponent(url.pathname).match(/^\/\d+\/\w+\/(\w+)!nc_n_webp_mw_1$/)?.[1];
    const entry = [...Object.values(NOTES), ...FILLERS].find((n) => n.fileId === fileId);
    return entry && jpeg(await images.get(entry.recipe));
  },
};
