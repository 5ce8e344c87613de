const BACKGROUND_URL = /url\(["']?(.*?)["']?\)/;

/** The URL of the image an element shows: what the browser chose for `img`, or its CSS background. */
export function imageUrlOf(element: Element): string | undefined {
  let raw: string | undefined;
  if (element instanceof HTMLImageElement) raw = element.currentSrc || element.src;
  else raw = BACKGROUND_URL.exec(getComputedStyle(element).backgroundImage)?.[1];
  if (!raw) return undefined;
  try {
    const url = new URL(raw, document.baseURI);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

/** Images smaller than this on both sides are icons, emoji or avatars: never checked. */
export const MIN_SIDE = 128;

export function isLargeEnough(rect: { width: number; height: number }): boolean {
  return rect.width >= MIN_SIDE || rect.height >= MIN_SIDE;
}
