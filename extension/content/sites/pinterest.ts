import type { SiteAdapter } from './site.ts';

/**
 * Pinterest. Relies on: grid pins in `div[data-test-id="pinWrapper"]` / `[data-test-id="pin"]`, the image
 * in `[data-test-id="pin-visual-wrapper"]` or `[data-test-id="non-story-pin-image"]`, the closeup in
 * `[data-test-id="pin-closeup-image"]`; images on i.pinimg.com with the size as the first path part
 * (`/236x/ab/cd/ef/<hash>.jpg`, srcset `236x 1x, 474x 2x, 736x 3x, originals 4x`); avatars and board
 * covers are the `_RS` crops (`/30x30_RS/`, `/75x75_RS/`, `/140x140_RS/`).
 * Seen in: Pinterest scrapers and extensions selecting `[data-test-id="pinWrapper"] img`,
 * `//div[@data-test-id="pin-visual-wrapper"]//img` (with `src.replace('236x', 'originals')`),
 * `[data-test-id="non-story-pin-image"] img`, `[data-test-id="pin-closeup-image"]`, and i.pinimg.com
 * sample URLs in an image-source test suite (`/736x/a7/7c/67/…jpg`), avatar `/60x60_RS/` in an embed.
 */
const SIZE = /^\/(\d+)x\//;

export const pinterest: SiteAdapter = {
  id: 'pinterest',
  name: 'Pinterest',
  hosts: ['www.pinterest.com', 'pinterest.com', '.pinterest.com', '.pinterest.co.uk', '.pinterest.de', '.pinterest.fr', '.pinterest.jp'],
  images:
    '[data-test-id="pinWrapper"] img, [data-test-id="pin"] img, [data-test-id="pin-visual-wrapper"] img, ' +
    '[data-test-id="non-story-pin-image"] img, [data-test-id="pin-closeup-image"] img, [data-test-id="closeup-image"] img, ' +
    'img[src*="i.pinimg.com/"]',
  ignore: 'img[src*="_RS/"], [data-test-id="pinrep-footer"], [data-test-id*="avatar"], header',
  smallVariant(url) {
    // 474x is the smallest pin width ≥ 256 px (236x is the grid's 1x); `originals` may not be a JPEG: left alone.
    if (url.hostname !== 'i.pinimg.com') return undefined;
    const size = SIZE.exec(url.pathname);
    if (!size || size[1] === '474') return undefined;
    url.pathname = url.pathname.replace(SIZE, '/474x/');
    return url.href;
  },
};
