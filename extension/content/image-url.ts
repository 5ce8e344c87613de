import type { SiteAdapter } from './sites/site.ts';

/** Images smaller than this on both sides are icons, emoji or avatars: never checked. */
export const MIN_SIDE = 128;
/** The smallest width worth fetching: the matcher needs detail, and anything bigger wastes bandwidth. */
export const FETCH_MIN_WIDTH = 256;

export function isLargeEnough(rect: { width: number; height: number }): boolean {
  return rect.width >= MIN_SIDE || rect.height >= MIN_SIDE;
}

/** One `srcset` entry: a URL and at most one of its width (`480w`) or density (`2x`) descriptors. */
export interface SrcsetCandidate {
  url: string;
  width?: number;
  density?: number;
}

/**
 * Parses `srcset` as the HTML spec does, so URLs with commas inside (Cloudinary's and wixmp's
 * `w_1024,h_683` transforms) stay whole: a URL runs to the next whitespace, its descriptors to the next
 * comma outside parentheses.
 */
export function parseSrcset(srcset: string): SrcsetCandidate[] {
  const candidates: SrcsetCandidate[] = [];
  const length = srcset.length;
  let pos = 0;
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f';
  while (pos < length) {
    while (pos < length && (isSpace(srcset[pos]) || srcset[pos] === ',')) pos++;
    if (pos >= length) break;
    const start = pos;
    while (pos < length && !isSpace(srcset[pos])) pos++;
    let url = srcset.slice(start, pos);
    let descriptors = '';
    if (url.endsWith(',')) {
      url = url.replace(/,+$/, '');
    } else {
      let depth = 0;
      const from = pos;
      while (pos < length && (depth > 0 || srcset[pos] !== ',')) {
        if (srcset[pos] === '(') depth++;
        else if (srcset[pos] === ')') depth = Math.max(0, depth - 1);
        pos++;
      }
      descriptors = srcset.slice(from, pos).trim();
    }
    if (!url) continue;
    const candidate: SrcsetCandidate = { url };
    for (const descriptor of descriptors.split(/\s+/)) {
      const match = /^(\d+(?:\.\d+)?)([wx])$/i.exec(descriptor);
      if (!match) continue;
      const value = Number(match[1]);
      if (match[2].toLowerCase() === 'w') candidate.width = value;
      else candidate.density = value;
    }
    candidates.push(candidate);
  }
  return candidates;
}

/**
 * The cheapest candidate still at least `minWidth` pixels wide: `w` descriptors are pixel widths,
 * `x` descriptors scale the rendered width. When none is wide enough, the widest.
 * Undefined when widths cannot be told (density descriptors before the image has a layout size).
 */
export function chooseCandidate(
  candidates: SrcsetCandidate[],
  renderedWidth: number,
  minWidth = FETCH_MIN_WIDTH,
): SrcsetCandidate | undefined {
  const sized = candidates
    .map((candidate) => ({
      candidate,
      width: candidate.width ?? (renderedWidth > 0 ? (candidate.density ?? 1) * renderedWidth : NaN),
    }))
    .filter(({ width }) => Number.isFinite(width) && width > 0);
  if (sized.length === 0) return undefined;
  sized.sort((a, b) => a.width - b.width);
  return (sized.find(({ width }) => width >= minWidth) ?? sized[sized.length - 1]).candidate;
}

const BACKGROUND_URL = /url\(\s*(["']?)(.*?)\1\s*\)/;

/** The first `url(...)` of a CSS background-image value (gradients and `none` have none). */
export function backgroundUrl(value: string): string | undefined {
  const url = BACKGROUND_URL.exec(value)?.[2];
  return url ? url.replace(/\\(["'()\\])/g, '$1') : undefined;
}

/** Only http(s) images are reported: data:, blob: and placeholders are not the post's image. */
export function absoluteHttpUrl(raw: string | undefined | null, base: string): string | undefined {
  return httpUrl(raw, base)?.href;
}

function httpUrl(raw: string | undefined | null, base: string): URL | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw.trim(), base);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const isImg = (element: Element): element is HTMLImageElement => element.localName === 'img';

/**
 * What the element shows right now, cheaply and without layout: for `img` its current source and
 * srcset, for others their background. A change of this string is a new image on the same element.
 */
export function displayedSource(element: Element): string | undefined {
  if (isImg(element)) {
    const shown = element.currentSrc || element.getAttribute('src') || '';
    const srcset = element.getAttribute('srcset') ?? '';
    return shown || srcset ? `${shown} ${srcset}` : undefined;
  }
  return backgroundOf(element);
}

function backgroundOf(element: Element): string | undefined {
  const inline = (element as HTMLElement).style?.backgroundImage;
  const value = inline && inline !== 'none' ? inline : element.ownerDocument.defaultView?.getComputedStyle(element).backgroundImage;
  return value ? backgroundUrl(value) : undefined;
}

/** The `srcset` the browser draws from: the first matching `<source>` of a `<picture>`, else the img's own. */
function activeSrcset(img: HTMLImageElement): string | undefined {
  const picture = img.parentElement;
  if (picture?.localName === 'picture') {
    const view = img.ownerDocument.defaultView;
    for (const source of picture.children) {
      if (source === img) break;
      if (source.localName !== 'source') continue;
      const media = source.getAttribute('media');
      if (media && view && !view.matchMedia(media).matches) continue;
      const type = source.getAttribute('type');
      if (type && !SUPPORTED_TYPES.has(type.split(';')[0].trim().toLowerCase())) continue;
      const srcset = source.getAttribute('srcset');
      if (srcset) return srcset;
    }
  }
  return img.getAttribute('srcset') ?? undefined;
}

/** Formats every supported browser decodes, in the page and in the background alike. */
const SUPPORTED_TYPES = new Set(['image/jpeg', 'image/jpg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/bmp']);

/**
 * The URL to fetch for an element's image: for `img` (and `<picture>`) the smallest srcset candidate
 * at least 256 px wide, else what the browser shows; for other elements their CSS background.
 * The adapter may then swap in a small variant of a well-known CDN URL.
 */
export function fetchUrlOf(element: Element, renderedWidth: number, adapter?: SiteAdapter): string | undefined {
  const base = element.ownerDocument.baseURI;
  let url: URL | undefined;
  if (isImg(element)) {
    const srcset = activeSrcset(element);
    const chosen = srcset ? chooseCandidate(parseSrcset(srcset), renderedWidth) : undefined;
    url = httpUrl(chosen?.url, base) ?? httpUrl(element.currentSrc || element.getAttribute('src'), base);
  } else {
    url = httpUrl(backgroundOf(element), base);
  }
  if (!url) return undefined;
  // Read before the adapter sees the URL: a rewrite may change it in place.
  const href = url.href;
  if (!adapter?.smallVariant) return href;
  try {
    return adapter.smallVariant(url) ?? href;
  } catch {
    // A rewrite that throws leaves the page's own URL in place.
    return href;
  }
}

/** The URL of the image an element shows (context menu matching): what the browser chose, or its background. */
export function imageUrlOf(element: Element): string | undefined {
  const base = element.ownerDocument.baseURI;
  if (isImg(element)) return absoluteHttpUrl(element.currentSrc || element.getAttribute('src'), base);
  return absoluteHttpUrl(backgroundOf(element), base);
}
