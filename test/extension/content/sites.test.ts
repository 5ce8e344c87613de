import { describe, expect, it } from 'vitest';
import { displayedSource, fetchUrlOf } from '../../../extension/content/image-url.ts';
import { adapterFor, generic, SITES } from '../../../extension/content/sites/index.ts';
import type { SiteAdapter } from '../../../extension/content/sites/site.ts';
import { page } from './dom.ts';

/**
 * Ids of the elements the scanner would check on this markup: the adapter's images that show one
 * (a wrapper the selector also catches shows none), minus what it ignores.
 */
function watched(adapter: SiteAdapter, html: string): string[] {
  const doc = page(html);
  return [...doc.querySelectorAll(adapter.images)]
    .filter((element) => displayedSource(element) !== undefined)
    .filter((element) => !adapter.ignore || !element.closest(adapter.ignore))
    .map((element) => element.id);
}

/**
 * Markup shaped like each platform's feed (classes, test ids and CDN URL forms as public scrapers and
 * userscripts select them; see the comment at the top of each adapter): `post*` ids must be watched,
 * `avatar*` / `chrome*` ids never.
 */
const FEEDS: Record<string, string> = {
  x: `<article data-testid="tweet"><div data-testid="Tweet-User-Avatar"><img id="avatar" src="https://pbs.twimg.com/profile_images/1/a_normal.jpg"></div>
    <div data-testid="tweetPhoto"><div style="background-image:url(&quot;https://pbs.twimg.com/media/GdT?format=jpg&amp;name=small&quot;)"></div>
    <img id="post" src="https://pbs.twimg.com/media/GdT?format=jpg&amp;name=small"></div></article>`,
  instagram: `<article><header><div><canvas></canvas><span><img id="avatar1" alt="catpics's profile picture" src="https://scontent-fra3-1.cdninstagram.com/v/t51/a.jpg?oh=1"></span></div></header>
    <ul><li class="_acaz"><div class="_aagu"><div class="_aagv"><img id="post1" srcset="https://scontent-fra3-1.cdninstagram.com/v/t51/p.jpg?stp=dst-jpg_e35_p240x240&amp;oh=2 240w, https://scontent-fra3-1.cdninstagram.com/v/t51/p.jpg?stp=dst-jpg_e35_p480x480&amp;oh=3 480w" src="https://scontent-fra3-1.cdninstagram.com/v/t51/p.jpg?oh=4"></div></div></li></ul>
    <section><span><img id="avatar2" alt="someone's profile picture" src="https://scontent-fra3-1.cdninstagram.com/v/t51/b.jpg"></span></section></article>`,
  facebook: `<div role="banner"><img id="chrome" src="https://scontent.fbcdn.net/logo.png"></div><div role="article"><svg><image href="https://scontent.fbcdn.net/avatar.jpg"></image></svg>
    <a href="https://www.facebook.com/photo/?fbid=1&amp;set=a.2"><img id="post1" src="https://scontent-fra5-1.xx.fbcdn.net/v/t39.30808-6/1_n.jpg?oh=1"></a>
    <img id="chrome2" src="https://static.xx.fbcdn.net/images/emoji.php/v9/t1/1f60d.png"></div>
    <div role="dialog"><img id="post2" data-visualcompletion="media-vc-image" src="https://scontent.fbcdn.net/v/2.jpg"></div>`,
  threads: `<div data-pressable-container="true"><a href="/@cat"><img id="avatar" alt="cat's profile picture" src="https://scontent.cdninstagram.com/v/a.jpg"></a>
    <span dir="auto">Look</span><picture><img id="post" src="https://scontent-fra3-1.cdninstagram.com/v/t51/p.jpg?oh=1"></picture></div>`,
  pinterest: `<div data-test-id="pinWrapper"><div data-test-id="pin-visual-wrapper"><img id="post" src="https://i.pinimg.com/236x/ab/cd/ef/abcdef.jpg"
    srcset="https://i.pinimg.com/236x/ab/cd/ef/abcdef.jpg 1x, https://i.pinimg.com/474x/ab/cd/ef/abcdef.jpg 2x"></div>
    <div data-test-id="pinrep-footer"><img id="avatar" src="https://i.pinimg.com/30x30_RS/11/22/33/avatar.jpg"></div></div>
    <img id="avatar2" src="https://i.pinimg.com/75x75_RS/11/22/33/avatar.jpg">`,
  reddit: `<shreddit-post><div slot="credit-bar"><img id="avatar" src="https://styles.redditmedia.com/t5_1/styles/communityIcon_x.png"></div>
    <div slot="post-media-container"><shreddit-aspect-ratio><img id="post" src="https://preview.redd.it/abc.jpeg?width=640&amp;crop=smart&amp;auto=webp&amp;s=1"></shreddit-aspect-ratio></div></shreddit-post>
    <gallery-carousel><ul><li><img id="post2" src="https://preview.redd.it/def.jpg?width=1080&amp;s=2"></li></ul></gallery-carousel>`,
  tumblr: `<article><header><img id="avatar" src="https://64.media.tumblr.com/avatar_f332fc701bb2_64.pnj"></header>
    <figure><img id="post" srcset="https://64.media.tumblr.com/a/b-c/s400x600/d.jpg 400w, https://64.media.tumblr.com/a/b-c/s640x960/e.jpg 640w"></figure>
    <img id="avatar2" srcset="https://64.media.tumblr.com/a/b-c/s64x64u_c1/f.jpg 64w"></article>`,
  bluesky: `<div data-testid="feedItem-by-cat.bsky.social"><img id="avatar" src="https://cdn.bsky.app/img/avatar_thumbnail/plain/did:plc:a/bafk@jpeg">
    <div><img id="post" src="https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:a/bafkpost@jpeg"></div></div>`,
  weibo: `<article class="woo-panel-main"><div class="woo-avatar-main"><img id="avatar" class="woo-avatar-img" src="https://tvax1.sinaimg.cn/crop.0.0.996.996.180/63885668ly8.jpg"></div>
    <div class="Feed_body_3R0rO"><div class="picture content_row_-r5Tk"><div class="woo-box-wrap"><div class="woo-picture-main"><div class="woo-picture-slot">
    <img id="post" class="woo-picture-img" src="https://wx1.sinaimg.cn/orj360/002NQ2vhly1gqzqfk1agfj.jpg"></div></div></div></div>
    <img id="chrome" class="woo-icon-vipimg" src="https://h5.sinaimg.cn/upload/vip.png"></div></article>`,
  xiaohongshu: `<div class="feeds-container"><section class="note-item" data-note-id="6a58"><div><a class="cover ld mask" href="/explore/6a58?xsec_token=1">
    <img id="post" src="https://sns-webpic-qc.xhscdn.com/202611/abc/1040g!nc_n_webp_mw_1"></a>
    <div class="footer"><a class="title"><span>天意</span></a><div class="card-bottom-wrapper"><a class="author"><img id="avatar" class="author-avatar" src="https://sns-avatar-qc.xhscdn.com/avatar/1.jpg?imageView2/2/w/80/format/jpg"><span class="name">瑾宁</span></a></div></div></div></section></div>`,
  bilibili: `<div class="bili-dyn-item"><div class="bili-dyn-item__avatar"><div class="bili-dyn-avatar"><img id="avatar" src="https://i0.hdslb.com/bfs/face/a.jpg@96w_96h.webp"></div></div>
    <div class="bili-album"><div class="bili-album__preview grid3"><div class="bili-album__preview__picture"><div class="bili-album__preview__picture__img b-img"><picture><img id="post" src="https://i0.hdslb.com/bfs/new_dyn/abc.jpg@!web-dynamic.webp"></picture></div></div>
    <div class="bili-album__preview__picture"><div id="post-bg" class="bili-album__preview__picture__img" style="background-image: url(&quot;//i0.hdslb.com/bfs/new_dyn/def.jpg@!web-dynamic.webp&quot;)"></div></div></div></div>
    <img id="chrome" src="https://i0.hdslb.com/bfs/emote/x.png"></div>`,
  deviantart: `<div data-hook="content_row"><div><a data-hook="deviation_link" href="https://www.deviantart.com/a/art/b-1"><div><img id="post" src="https://images-wixmp-ed30a86b8c4ca887773594c2.wixmp.com/f/1/2.jpg/v1/fill/w_300,h_200/x.jpg?token=t"></div></a>
    <a data-hook="user_link" href="https://www.deviantart.com/a"><img id="avatar" src="https://a.deviantart.net/avatars-big/a/b/c.jpg"></a></div></div>`,
  artstation: `<div class="gallery-grid"><a class="gallery-grid-link"><img id="post" src="https://cdna.artstation.com/p/assets/images/images/008/265/652/smaller_square/siwoo-kim.jpg?1"></a>
    <img id="avatar" src="https://cdna.artstation.com/p/users/avatars/000/1/medium/a.jpg"></div>`,
  behance: `<div class="ProjectCoverNeue-root-166"><div class="Cover-cover-2mr ProjectCoverNeue-cover-3Ni js-project-cover"><div class="Cover-content-2R2">
    <img id="post" class="ProjectCoverNeue-image-1MZ" src="https://mir-s3-cdn-cf.behance.net/projects/404/75615d115507751.Y3JvcCw.jpg"></div></div>
    <div class="Avatar-root-abc"><img id="avatar" src="https://mir-s3-cdn-cf.behance.net/user/50/1.jpg"></div></div>`,
};

describe('site adapters', () => {
  it('has one feed sample per adapter', () => {
    expect(Object.keys(FEEDS).sort()).toEqual(SITES.map((site) => site.id).sort());
  });

  for (const site of SITES) {
    it(`${site.name}: watches post images, never avatars or chrome`, () => {
      const ids = watched(site, FEEDS[site.id]);
      expect(ids.filter((id) => id.startsWith('post')).length).toBeGreaterThan(0);
      expect(ids.every((id) => id.startsWith('post'))).toBe(true);
      const all = [...page(FEEDS[site.id]).querySelectorAll('[id^="post"]')].map((element) => element.id);
      expect(ids.sort()).toEqual(all.sort());
    });
  }

  it('picks the adapter by host name, the generic one elsewhere', () => {
    expect(adapterFor('x.com').id).toBe('x');
    expect(adapterFor('mobile.twitter.com').id).toBe('x');
    expect(adapterFor('www.instagram.com').id).toBe('instagram');
    expect(adapterFor('weibo.com').id).toBe('weibo');
    expect(adapterFor('s.weibo.com').id).toBe('weibo');
    expect(adapterFor('t.bilibili.com').id).toBe('bilibili');
    expect(adapterFor('staff.tumblr.com').id).toBe('tumblr');
    expect(adapterFor('www.xiaohongshu.com').id).toBe('xiaohongshu');
    expect(adapterFor('www.threads.com').id).toBe('threads');
    expect(adapterFor('blog.example.org')).toBe(generic);
    expect(adapterFor('notx.com')).toBe(generic);
  });

  it('ids are unique and hosts do not overlap', () => {
    expect(new Set(SITES.map((site) => site.id)).size).toBe(SITES.length);
    for (const site of SITES) for (const host of site.hosts.filter((h) => !h.startsWith('.'))) expect(adapterFor(host)).toBe(site);
  });
});

describe('small variants of well-known CDN URLs', () => {
  const variant = (id: string, url: string) => SITES.find((site) => site.id === id)!.smallVariant?.(new URL(url));

  it('X: name=small (680 px) for larger or tiny sizes, nothing else touched', () => {
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?format=jpg&name=large')).toBe('https://pbs.twimg.com/media/GdT?format=jpg&name=small');
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?format=png&name=orig')).toBe('https://pbs.twimg.com/media/GdT?format=png&name=small');
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?format=jpg&name=thumb')).toBe('https://pbs.twimg.com/media/GdT?format=jpg&name=small');
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?format=jpg&name=small')).toBeUndefined();
    expect(variant('x', 'https://pbs.twimg.com/profile_images/1/a_normal.jpg')).toBeUndefined();
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?name=large&format=jpg')).toBe('https://pbs.twimg.com/media/GdT?name=small&format=jpg');
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?format=jpg&xname=large')).toBeUndefined();
    expect(variant('x', 'https://pbs.twimg.com/media/GdT?format=jpg')).toBeUndefined();
  });

  it('Pinterest: 474x, the smallest pin width ≥ 256 px; originals and _RS crops left alone', () => {
    expect(variant('pinterest', 'https://i.pinimg.com/236x/ab/cd/ef/abcdef.jpg')).toBe('https://i.pinimg.com/474x/ab/cd/ef/abcdef.jpg');
    expect(variant('pinterest', 'https://i.pinimg.com/736x/ab/cd/ef/abcdef.jpg')).toBe('https://i.pinimg.com/474x/ab/cd/ef/abcdef.jpg');
    expect(variant('pinterest', 'https://i.pinimg.com/474x/ab/cd/ef/abcdef.jpg')).toBeUndefined();
    expect(variant('pinterest', 'https://i.pinimg.com/originals/ab/cd/ef/abcdef.png')).toBeUndefined();
    expect(variant('pinterest', 'https://i.pinimg.com/75x75_RS/ab/cd/ef/abcdef.jpg')).toBeUndefined();
  });

  it('Weibo: orj360 for any sinaimg size token, crops untouched', () => {
    expect(variant('weibo', 'https://wx1.sinaimg.cn/large/002NQ2vhly1gqzqfk1agfj.jpg')).toBe('https://wx1.sinaimg.cn/orj360/002NQ2vhly1gqzqfk1agfj.jpg');
    expect(variant('weibo', 'https://wx4.sinaimg.cn/mw690/77a2d531gw1f4u411ws3aj.jpg')).toBe('https://wx4.sinaimg.cn/orj360/77a2d531gw1f4u411ws3aj.jpg');
    expect(variant('weibo', 'https://wx4.sinaimg.cn/orj360/77a2d531gw1f4u411ws3aj.jpg')).toBeUndefined();
    expect(variant('weibo', 'https://tvax1.sinaimg.cn/crop.0.0.996.996.180/63885668ly8.jpg')).toBeUndefined();
  });

  it('Bluesky: feed_thumbnail instead of feed_fullsize', () => {
    expect(variant('bluesky', 'https://cdn.bsky.app/img/feed_fullsize/plain/did:plc:a/bafk@jpeg')).toBe(
      'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:a/bafk@jpeg',
    );
    expect(variant('bluesky', 'https://cdn.bsky.app/img/feed_thumbnail/plain/did:plc:a/bafk@jpeg')).toBeUndefined();
  });
});

describe('fetchUrlOf', () => {
  const pinterest = SITES.find((site) => site.id === 'pinterest')!;

  it('takes the srcset candidate, then the adapter’s small variant', () => {
    const doc = page(FEEDS.pinterest, 'https://www.pinterest.com/');
    const img = doc.getElementById('post')!;
    expect(fetchUrlOf(img, 236, pinterest)).toBe('https://i.pinimg.com/474x/ab/cd/ef/abcdef.jpg');
  });

  it('uses the matching <source> of a <picture>', () => {
    const doc = page(
      `<picture><source type="image/avif" srcset="/a-300.avif 300w, /a-600.avif 600w"><source type="image/x-unknown" srcset="/b.img 300w">
       <img id="img" src="/a-1200.jpg" srcset="/a-150.jpg 150w, /a-1200.jpg 1200w"></picture>`,
      'https://blog.example.org/post/',
    );
    expect(fetchUrlOf(doc.getElementById('img')!, 500, generic)).toBe('https://blog.example.org/a-300.avif');
  });

  it('reads CSS backgrounds and skips data: placeholders', () => {
    const doc = page(
      `<div id="bg" style="background-image: url('/cover.jpg')"></div><img id="lazy" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" data-src="/real.jpg">`,
      'https://blog.example.org/',
    );
    expect(fetchUrlOf(doc.getElementById('bg')!, 400, generic)).toBe('https://blog.example.org/cover.jpg');
    expect(fetchUrlOf(doc.getElementById('lazy')!, 400, generic)).toBeUndefined();
  });
});
