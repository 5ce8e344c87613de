import sharp from 'sharp';
import type { E2EPage } from './browsers.ts';

/** The colour of a marker's frame (`.frame` in extension/content/marker.ts). */
const FRAME_RGB = [0xea, 0x58, 0x0c];
/** The colour of its filled "Draft notice" button (`button` there; "Review" is white, outlined in it). */
const BUTTON_RGB = [0xc2, 0x41, 0x0c];
const TOLERANCE = 30;

/**
 * The viewport's pixels as the reader sees them, with the element `selector` finds in device pixels
 * (undefined when there is none). Markers live in a closed shadow root that no test can look into, so
 * tests look at what is drawn. Brings the page to the front: only a shown tab is painted.
 */
async function drawn(page: E2EPage, selector: string) {
  await page.bringToFront();
  const view = await page.evaluate((s) => {
    const rect = document.querySelector(s)?.getBoundingClientRect();
    return rect && { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom, scale: devicePixelRatio };
  }, selector);
  const { data, info } = await sharp(await page.viewportPng()).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const scale = view?.scale ?? 1;
  return {
    element: view && { left: view.left * scale, top: view.top * scale, right: view.right * scale, bottom: view.bottom * scale },
    scale,
    width: info.width,
    height: info.height,
    /** Whether the pixel at (x, y), device pixels, is `rgb` give or take TOLERANCE per channel. */
    is: (rgb: number[], x: number, y: number) => rgb.every((value, channel) => Math.abs(data[(y * info.width + x) * info.channels + channel] - value) <= TOLERANCE),
  };
}

/**
 * Whether a marker's frame is drawn around the element `selector` finds: 1.5 px inside the element's
 * left, right and bottom edges, in the middle of the 3 px frame (the top edge is left out: the card's
 * shadow falls on it). Every sample in the viewport must be the frame's colour, and at least two must be in it.
 */
export async function markerShownOn(page: E2EPage, selector: string): Promise<boolean> {
  const { element, scale, width, height, is } = await drawn(page, selector);
  if (!element || element.right - element.left < 8 * scale) return false;
  const inset = 1.5 * scale;
  const lower = element.top + (element.bottom - element.top) * 0.75;
  const samples = [
    [element.left + inset, lower],
    [element.right - inset, lower],
    [(element.left + element.right) / 2, element.bottom - inset],
  ]
    .map(([x, y]) => [Math.floor(x), Math.floor(y)])
    .filter(([x, y]) => x >= 0 && y >= 0 && x < width && y < height);
  return samples.length >= 2 && samples.every(([x, y]) => is(FRAME_RGB, x, y));
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
 * button's outline, of the same colour, are to its left).
 */
export async function clickDraftNotice(page: E2EPage, selector: string): Promise<void> {
  const { element, scale, width, height, is } = await drawn(page, selector);
  if (!element) throw new Error(`Nothing matches ${selector}`);
  const [left, right, top] = [element.left, element.right, element.top].map(Math.floor);
  let found: { x: number; y: number } | undefined;
  for (let y = Math.max(0, top); y < Math.min(height, top + 80 * scale); y++) {
    // Left of the frame's 3 px, whose anti-aliased edge could pass for the button's colour.
    for (let x = Math.min(width, right - 8 * scale) - 1; x > Math.max(0, left); x--) {
      if (!is(BUTTON_RGB, x, y)) continue;
      if (!found || x > found.x) found = { x, y };
      break;
    }
  }
  if (!found) throw new Error(`No "Draft notice" button drawn on ${selector}`);
  // Ten pixels in from its right edge, a few rows below its top.
  await page.clickAt((found.x - 10 * scale) / scale, (found.y + 8 * scale) / scale);
}
