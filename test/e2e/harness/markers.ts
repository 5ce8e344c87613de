import sharp from 'sharp';
import type { E2EPage } from './browsers.ts';

/** The colour of a marker's frame (`.frame` in extension/content/marker.ts). */
const FRAME_RGB = [0xea, 0x58, 0x0c];
/** The colour of its filled "Draft notice" button (`button` there; "Review" is white, outlined in it). */
const BUTTON_RGB = [0xc2, 0x41, 0x0c];
const TOLERANCE = 30;

/**
 * Whether a marker's frame is drawn around the element `selector` finds, as the reader sees it. Markers
 * live in a closed shadow root that no test can look into, so this looks at the pixels: 1.5 px inside the
 * element's left, right and bottom edges, in the middle of the 3 px frame (the top edge is left out: the
 * card's shadow falls on it). Every sample in the viewport must be the frame's colour, and at least two
 * must be in it. Brings the page to the front: only a shown tab is painted.
 */
export async function markerShownOn(page: E2EPage, selector: string): Promise<boolean> {
  await page.bringToFront();
  const view = await page.evaluate((s) => {
    const rect = document.querySelector(s)?.getBoundingClientRect();
    return rect && { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom, scale: devicePixelRatio };
  }, selector);
  if (!view || view.right - view.left < 8) return false;
  const { data, info } = await sharp(await page.viewportPng()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const lower = view.top + (view.bottom - view.top) * 0.75;
  const samples = [
    [view.left + 1.5, lower],
    [view.right - 1.5, lower],
    [(view.left + view.right) / 2, view.bottom - 1.5],
  ]
    .map(([x, y]) => [Math.floor(x * view.scale), Math.floor(y * view.scale)])
    .filter(([x, y]) => x >= 0 && y >= 0 && x < info.width && y < info.height);
  const isFrame = ([x, y]: number[]) => FRAME_RGB.every((value, channel) => Math.abs(data[(y * info.width + x) * info.channels + channel] - value) <= TOLERANCE);
  return samples.length >= 2 && samples.every(isFrame);
}

/** Waits until `markerShownOn` says `shown` (default: a marker is drawn), or throws naming `what`. */
export async function waitForMarker(page: E2EPage, selector: string, what: string, shown = true, timeout = 10_000): Promise<void> {
  const deadline = Date.now() + timeout;
  while ((await markerShownOn(page, selector)) !== shown) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${shown ? 'a' : 'no'} marker on ${selector}: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Clicks the "Draft notice" button of the marker on the element `selector` finds, with the mouse, where
 * the reader sees it: the card sits in the image's top left corner and the filled button ends it, so the
 * button is the rightmost run of its colour in the card's rows (the label's text and the "Review"
 * button's outline, of the same colour, are to its left). Brings the page to the front.
 */
export async function clickDraftNotice(page: E2EPage, selector: string): Promise<void> {
  await page.bringToFront();
  const view = await page.evaluate((s) => {
    const rect = document.querySelector(s)!.getBoundingClientRect();
    return { left: rect.left, top: rect.top, right: rect.right, scale: devicePixelRatio };
  }, selector);
  const { data, info } = await sharp(await page.viewportPng()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const isButton = (x: number, y: number) => BUTTON_RGB.every((value, channel) => Math.abs(data[(y * info.width + x) * info.channels + channel] - value) <= TOLERANCE);
  const [left, right, top] = [view.left, view.right, view.top].map((value) => Math.floor(value * view.scale));
  let found: { x: number; y: number } | undefined;
  for (let y = Math.max(0, top); y < Math.min(info.height, top + 80 * view.scale); y++) {
    // Left of the frame's 3 px, whose anti-aliased edge could pass for the button's colour.
    for (let x = Math.min(info.width, right - 8 * view.scale) - 1; x > Math.max(0, left); x--) {
      if (!isButton(x, y)) continue;
      if (!found || x > found.x) found = { x, y };
      break;
    }
  }
  if (!found) throw new Error(`No "Draft notice" button drawn on ${selector}`);
  // Ten pixels in from its right edge, a few rows below its top.
  await page.clickAt((found.x - 10 * view.scale) / view.scale, (found.y + 8 * view.scale) / view.scale);
}
