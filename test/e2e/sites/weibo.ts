import type { Recipe } from '../harness/images.ts';
import { escapeHtml, feedLoaderScript, html, jpeg, type FixtureSite } from './site.ts';

/**
 * A home timeline shaped like the new weibo.com (Vue, woo-ui): client-rendered after load, each post
 * an `<article class="woo-panel-main … Feed_wrap_…">` with `.Feed_body_…`, the author's avatar as
 * `.woo-avatar-main > img.woo-avatar-img` (tvax*.sinaimg.cn/crop.…/… with KID/Expires/ssig), a VIP
 * badge `woo-icon-vipimg`, pictures as `.woo-picture-main > img.woo-picture-img` in a
 * `.picture.content_row_… > .woo-box-wrap` grid (wx1-4.sinaimg.cn/orj360/<pid>.jpg; a single picture
 * as mw690), and more posts fetched (`/ajax/feed/friendstimeline?max_id=…`) near the bottom.
 */

/** Picture ids (pid) as Weibo makes them: 32 characters of base62. */
export const PICTURES = {
  catRepost: { pid: '002NQ2vhly1hx3k8c2qzaj60u00u0dhq02', recipe: { kind: 'repost', file: 'tabby-cat.jpg', scale: 0.75 } },
  coffee: { pid: '7e2b9c31ly1hx3kbq0a1bj20u00u0abc01', recipe: { kind: 'original', file: 'coffee.jpg' } },
  rocket: { pid: '7e2b9c31ly1hx3kbq1d9qj20u00u0xyz02', recipe: { kind: 'original', file: 'rocket.jpg' } },
  auriga: { pid: '7e2b9c31ly1hx3kbq2m7sj20u00u0pqr03', recipe: { kind: 'original', file: 'auriga.jpg' } },
  astronautRepost: { pid: '006Yt3Aaly1hx3kd9w0qkj30u01hcn5s02', recipe: { kind: 'repost', file: 'astronaut.jpg', quality: 55 } },
} satisfies Record<string, { pid: string; recipe: Recipe }>;

const AVATARS = {
  cats: { id: '006Yt3Aaly8hbz2y1k0p6j30e80e8q3g', recipe: { kind: 'avatar', file: 'coffee.jpg', size: 180 } },
  // The creator's own account: its avatar IS a registered work, and still must not be flagged.
  creator: { id: '63885668ly8fjf57kfmgfj20ro0ro0u7', recipe: { kind: 'avatar', file: 'drake-blademaster.jpg', size: 180 } },
  space: { id: '621263b4ly8gbulhq834gj2050050glm', recipe: { kind: 'avatar', file: 'auriga.jpg', size: 180 } },
} satisfies Record<string, { id: string; recipe: Recipe }>;

interface Status {
  user: string;
  avatar: keyof typeof AVATARS;
  text: string;
  pictures: Array<keyof typeof PICTURES>;
}

const TIMELINE: Status[][] = [
  [
    { user: '每日猫咪', avatar: 'cats', text: '这只猫也太可爱了吧！图源网络，侵删', pictures: ['catRepost'] },
    { user: '龙骑士画师', avatar: 'creator', text: '下周开放约稿，欢迎私信～', pictures: [] },
    { user: '航天迷', avatar: 'space', text: '早安咖啡，发射现场，还有一张古星图', pictures: ['coffee', 'rocket', 'auriga'] },
  ],
  [
    { user: '星空壁纸', avatar: 'space', text: '今日壁纸 ✨ 喜欢就转发', pictures: ['astronautRepost'] },
    { user: '航天迷', avatar: 'space', text: '再来一杯', pictures: ['coffee'] },
  ],
];

const pictureUrl = (size: string, key: keyof typeof PICTURES) => `https://wx${(PICTURES[key].pid.charCodeAt(3) % 4) + 1}.sinaimg.cn/${size}/${PICTURES[key].pid}.jpg`;
const avatarUrl = (key: keyof typeof AVATARS) =>
  `https://tvax1.sinaimg.cn/crop.0.0.180.180.180/${AVATARS[key].id}.jpg?KID=imgbed,tva&Expires=1796620800&ssig=Qd3x9kTzLm`;

export const WEIBO = {
  feedUrl: 'https://weibo.com/',
  picture: (key: keyof typeof PICTURES) => `img.woo-picture-img[src*="${PICTURES[key].pid}"]`,
  allPictures: 'img.woo-picture-img',
  avatars: 'img.woo-avatar-img',
  /** What the extension fetches for a picture: the feed grid's own orj360 size, never `large`. */
  fetched: (key: keyof typeof PICTURES) => `${new URL(pictureUrl('orj360', key)).host}/orj360/${PICTURES[key].pid}.jpg`,
  large: (key: keyof typeof PICTURES) => `${new URL(pictureUrl('large', key)).host}/large/${PICTURES[key].pid}.jpg`,
} as const;

function renderStatus(status: Status, index: number): string {
  const single = status.pictures.length === 1;
  const pictures = status.pictures
    .map(
      (key) =>
        `<div class="woo-box-item-inlineBlock picture_item_3zpCn${single ? ' picture_pic1_1cMOg' : ''}">` +
        `<div class="woo-picture-main woo-picture-hover picture_focusImg_1z5In" style="padding-bottom: ${single ? '75' : '100'}%;">` +
        `<img src="${pictureUrl(single ? 'mw690' : 'orj360', key)}" class="woo-picture-img"><div class="woo-picture-hoverMask"></div>` +
        `<div class="woo-picture-slot"></div></div></div>`,
    )
    .join('');
  return (
    `<div class="vue-recycle-scroller__item-view"><div class="wbpro-scroller-item">` +
    `<article class="woo-panel-main woo-panel-top woo-panel-right woo-panel-bottom woo-panel-left Feed_wrap_3v9LH Feed_normal_12A98" tabindex="0">` +
    `<div class="Feed_body_3R0rO"><header class="woo-box-flex"><a href="/u/${5000000000 + index}" class="ALink_default_2ibt1">` +
    `<div class="woo-avatar-main woo-avatar-hover head_avatar_20c9y" style="width: 3rem; height: 3rem;">` +
    `<img src="${escapeHtml(avatarUrl(status.avatar))}" class="woo-avatar-img"><div class="woo-avatar-hoverMask"></div></div></a>` +
    `<div class="woo-box-item-flex head_main_3DRDm"><a href="/u/${5000000000 + index}" class="ALink_default_2ibt1 head_cut_2Zcft head_name_24eEB"><span>${escapeHtml(status.user)}</span></a>` +
    `<img src="https://h5.sinaimg.cn/upload/100/1800/2023/vip6.png" class="woo-icon-vipimg" style="width: 14px"></div></header>` +
    `<div class="wbpro-feed-content"><div class="detail_text_1U10O detail_ogText_2Z1Q8 wbpro-feed-ogText"><div class="detail_wbtext_4CRf9">${escapeHtml(status.text)}</div></div></div>` +
    (pictures
      ? `<div class="picture content_row_-r5Tk"><div class="woo-box-wrap picture_inlineNum3_3P7k1${single ? ' picture_row1_1Bx5v' : ''}">${pictures}</div></div>`
      : '') +
    `</div><footer class="woo-box-flex"><button class="woo-like-main">赞</button><button>评论</button><button>转发</button></footer></article></div></div>`
  );
}

const PAGE = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>微博</title>
<meta name="viewport" content="width=device-width,initial-scale=1">
<style>
  body { margin: 0; font: 14px/1.5 -apple-system, "PingFang SC", "Noto Sans CJK SC", sans-serif; background: #f1f2f5; color: #333; }
  .Main_full_1dfQX { width: 600px; margin: 0 auto; padding-top: 16px; }
  article { background: #fff; border-radius: 4px; margin-bottom: 8px; padding: 16px; }
  header { display: flex; gap: 10px; align-items: center; }
  .woo-avatar-main { position: relative; border-radius: 50%; overflow: hidden; flex: none; }
  .woo-avatar-img { width: 100%; height: 100%; display: block; }
  .wbpro-feed-content { margin: 8px 0; }
  .woo-box-wrap { display: flex; flex-wrap: wrap; gap: 4px; }
  .picture_item_3zpCn { width: calc((100% - 8px) / 3); }
  .picture_pic1_1cMOg { width: 70%; }
  .woo-picture-main { position: relative; overflow: hidden; border-radius: 4px; }
  .woo-picture-img { position: absolute; inset: 0; width: 100%; height: 100%; object-fit: cover; }
  .woo-picture-hoverMask, .woo-picture-slot { position: absolute; inset: 0; }
  footer { display: flex; justify-content: space-around; margin-top: 8px; }
  footer button { background: none; border: 0; color: #808080; }
  #loading { text-align: center; color: #939393; padding: 16px; }
</style></head>
<body><div id="app"><div class="Main_full_1dfQX"><div class="Home_feed_3o7ry"><div class="vue-recycle-scroller ready page-mode direction-vertical">
<div class="vue-recycle-scroller__item-wrapper" id="scroller"></div></div><div id="loading">加载中…</div></div></div></div>
${feedLoaderScript({
  comment: 'Client-rendered like weibo.com: statuses arrive after load, more as the reader nears the end.',
  url: `'/ajax/feed/friendstimeline?list_id=100017&refresh=4&fast_refresh=1&count=25&max_id=' + cursor`,
  render: `(page) => {
    document.getElementById('scroller').insertAdjacentHTML('beforeend', page.html);
    return page.max_id;
  }`,
  endText: '没有更多内容了',
})}</body></html>`;

export const weiboSite: FixtureSite = {
  name: 'Weibo',
  hosts: ['weibo.com', 'wx1.sinaimg.cn', 'wx2.sinaimg.cn', 'wx3.sinaimg.cn', 'wx4.sinaimg.cn', 'tvax1.sinaimg.cn', 'h5.sinaimg.cn'],
  async handle(url, images) {
    if (url.hostname === 'weibo.com') {
      if (url.pathname === '/') return html(PAGE);
      if (url.pathname === '/ajax/feed/friendstimeline') {
        const cursor = Number(url.searchParams.get('max_id') ?? 0);
        const statuses = TIMELINE[cursor];
        if (!statuses) return undefined;
        const offset = TIMELINE.slice(0, cursor).flat().length;
        const body = {
          html: statuses.map((status, i) => renderStatus(status, offset + i)).join(''),
          max_id: cursor + 1 < TIMELINE.length ? cursor + 1 : null,
        };
        return { type: 'application/json', body: JSON.stringify(body) };
      }
      return undefined;
    }
    if (url.hostname === 'h5.sinaimg.cn') return undefined;
    const picture = url.pathname.match(/^\/(orj360|mw690|large|thumb150)\/(\w+)\.jpg$/);
    if (picture) {
      const entry = Object.values(PICTURES).find((p) => p.pid === picture[2]);
      return entry && jpeg(await images.get(entry.recipe));
    }
    const avatar = url.pathname.match(/^\/crop\.[\d.]+\/(\w+)\.jpg$/);
    if (avatar) {
      const entry = Object.values(AVATARS).find((a) => a.id === avatar[1]);
      return entry && jpeg(await images.get(entry.recipe));
    }
    return undefined;
  },
};
