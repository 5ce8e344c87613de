import type { SiteAdapter } from './site.ts';

/**
 * X / Twitter. Relies on: post media inside `[data-testid="tweetPhoto"]` (a background-image div with a
 * transparent `<img>` over it, src pbs.twimg.com/media/<id>?format=jpg&name=…); avatars inside
 * `[data-testid="Tweet-User-Avatar"]` / `UserAvatar-Container-*` (pbs.twimg.com/profile_images/).
 * Seen in: userscripts and extensions that collect tweet photos with `[data-testid="tweetPhoto"] img`
 * (e.g. an image-zoom userscript keyed on `article div[data-testid="tweetPhoto"]`, and a social-media
 * capture tool listing `[data-testid='tweetPhoto'] img`), and X's own `name=` size parameter
 * (thumb, small = 680 px, medium, large, orig).
 */
const TOO_SMALL_OR_TOO_BIG = new Set(['thumb', 'tiny', 'medium', 'large', 'orig', '4096x4096', '900x900']);
/**
 * A media URL up to its size's value, and the value. Read off the string: `URLSearchParams` cost ~20 µs
 * a photo in a bench:feed CPU profile, more than any other step of a photo's way in this script.
 */
const MEDIA_NAME = /^(https?:\/\/pbs\.twimg\.com\/media\/[^?#]*\?(?:[^#]*&)?name=)([^&#]*)/;

export const x: SiteAdapter = {
  id: 'x',
  name: 'X / Twitter',
  hosts: ['x.com', 'twitter.com', 'mobile.twitter.com', 'mobile.x.com'],
  images: '[data-testid="tweetPhoto"] img, img[src*="pbs.twimg.com/media/"]',
  ignore: '[data-testid="Tweet-User-Avatar"], [data-testid="UserAvatar-Container"], [data-testid^="UserAvatar"]',
  smallVariant(url) {
    // name=small is at most 680 px: the smallest size X serves that is always ≥ 256 px wide.
    const href = url.href;
    const name = MEDIA_NAME.exec(href);
    if (!name || !TOO_SMALL_OR_TOO_BIG.has(name[2])) return undefined;
    return `${name[1]}small${href.slice(name[0].length)}`;
  },
};
