import type { MatchSummary } from '../messages.ts';
import { t } from '../shared/i18n.ts';
import { MARKER_CONTENT_STYLE, OVERLAY_STYLE } from './marker-style.ts';

export interface MarkerActions {
  /** "Review": this tab's matches in the popup view. */
  onReview(): void;
  /** "Draft notice": the notice for this match. */
  onDraftNotice(): void;
}

interface Marker {
  /** The marker's box; in the overlay once placed, unless the reader has left it far behind (see `behind`). */
  box: HTMLElement;
  /**
   * `loading`: its thumbnail is loading; `waiting`: ready, for a frame to be shown in (see `nearby`);
   * `placed`: measured and placed at least once; `behind`: out of the overlay, the reader far past it (see `behind`).
   */
  state: 'loading' | 'waiting' | 'placed' | 'behind';
  /** Whether its image sits in a slider (see `inSlider`); undefined until first measured. */
  inSlider?: boolean;
  /** What was last written to the box's style ('' when hidden): an unchanged place is not written again. */
  placed: string;
  /** Where it was placed, in document coordinates; undefined when hidden. */
  at?: Rect;
}

type Rect = { x: number; y: number; width: number; height: number };

/** The tag of the overlay's host element, in the page's document. */
export const MARKER_TAG = 'reuse-radar-marker';

const markers = new Map<Element, Marker>();

/**
 * All markers live in one overlay: a 0 × 0 element at the top document's origin whose closed shadow root
 * holds one box per match, placed by its own inline style. Nothing in a shadow tree is a mutation record
 * for the page's MutationObservers (nor ours). What keeps them cheap for the page (docs/benchmarks.md):
 * - the in-flow layer has size and layout containment: a layout root, so adding or moving a marker lays
 *   out the layer alone, never the page;
 * - the boxes are not positioned but share one grid cell, offset by their margins: a positioned box is a
 *   paint layer of its own, which every hit test (each wheel event is one) has to visit; so is a box with
 *   layout containment. The cell is 0 × 0, so a box moved does not size the grid's track again. With 60
 *   markers (`npm run bench:overlay`): hit tests +6 µs, against +28 µs with contained or positioned
 *   boxes; a relayout 2.4–3.8 µs, against 3.4–6.4 µs with an auto-sized cell;
 * - a box far from the viewport enters the overlay, and leaves it once the reader is far past, only in a
 *   frame the page draws anyway (see `nearby` and `behind`): each change repaints the page, and each box
 *   in the overlay costs every frame of scrolling.
 * Markers next to their images in the page's DOM would follow them with no script, but each is then a
 * positioned box inside a post, under the post's rounded clip: bench:feed measured +95–104 ms of
 * compositing-input updates, +45–63 ms of hit tests and +35–49 ms of paint per run (docs/benchmarks.md).
 */
let overlay: { host: HTMLElement; layer: HTMLElement } | undefined;

/** The overlay's layer, made when the first marker is shown; the overlay is put back if the page removed it. */
function overlayLayer(): HTMLElement {
  if (!overlay) {
    const host = document.createElement(MARKER_TAG);
    const root = host.attachShadow({ mode: 'closed' });
    const style = document.createElement('style');
    style.textContent = OVERLAY_STYLE + MARKER_CONTENT_STYLE;
    const layer = document.createElement('div');
    layer.className = 'layer';
    layer.addEventListener('click', onClick);
    root.append(style, layer);
    overlay = { host, layer };
  }
  // Outside body: page styles on body (position, transform) cannot shift the overlay. In document
  // coordinates, so scrolling the page moves every marker with its image at no cost.
  if (!overlay.host.isConnected) document.documentElement.append(overlay.host);
  return overlay.layer;
}

/**
 * Marked images in a slider, coming into or going out of view somewhere other than where their marker
 * is: a carousel slid them by a transform, which no ResizeObserver report shows, so the markers are
 * measured again. Thresholds, not just "intersecting": an image slid out stays edge to edge with its
 * frame, which counts as intersecting. The entry's rect says whether the image moved (one in a frame
 * always counts as moved), so the page's layout is read only in the ResizeObserver callback, after the
 * frame's own layout. Only images in a slider are observed: each observed element costs every frame of
 * scrolling, and observing every marked image cost 50–80 ms of intersection work per bench:feed run
 * (docs/benchmarks.md).
 */
const slides = new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => moved(entry))) queueReposition();
  },
  { threshold: [0, 0.5, 1] },
);

function moved(entry: IntersectionObserverEntry): boolean {
  const marker = markers.get(entry.target);
  if (!marker) return false;
  const rect = entry.boundingClientRect;
  const at = marker.at;
  if (!at || entry.target.ownerDocument !== document) return true;
  const same = (a: number, b: number) => Math.abs(a - b) < 1;
  return !(same(rect.left + window.scrollX, at.x) && same(rect.top + window.scrollY, at.y) && same(rect.width, at.width) && same(rect.height, at.height));
}

/**
 * A new marker is shown in a frame of its own only when its image is near the viewport (half a viewport
 * beyond its top or bottom edge: a fast reader needs ~150 ms to get there; the marker, two frames). One
 * further away waits for a frame the page draws anyway (its body resized: posts loaded), and is shown in
 * it, or until its image comes near. A frame of its own restyles, lays out and repaints the page, and the
 * mouse's hover is hit-tested again; a feed's verdicts come in for photos thousands of pixels ahead.
 */
const nearby = new IntersectionObserver(
  (entries) => {
    if (entries.some((entry) => entry.isIntersecting && markers.get(entry.target)?.state === 'waiting')) queueReposition();
  },
  { rootMargin: '50% 0px' },
);

/**
 * Rects are read only in ResizeObserver callbacks: browsers deliver them during the frame's rendering
 * steps, right after style and layout (HTML "update the rendering"; CSSWG resize-observer-1 § 3.4),
 * so nothing is recomputed for us. It watches each frame's body (posts loaded or removed above an image
 * move it; an image resized resizes its post), and, when a move must be caught (a marker's image came
 * near, a slide moved an image, an inner scroller scrolled, the window resized), the top document's root
 * element for one report. Nothing else: every observed element costs every frame of scrolling (+7 µs a
 * frame with a probe and a few marked images observed, a trace with the blink category).
 */
const resizes = new ResizeObserver((entries) => {
  const probe = document.documentElement;
  if (entries.some((entry) => entry.target === probe)) resizes.unobserve(probe);
  // Each report may have moved every image, and comes in a frame the page draws anyway: waiting markers
  // are shown in it.
  reposition(movable());
});

/**
 * The markers a report may have moved, to measure: all but those left far behind, which are measured
 * when the reader comes back (`bringBack`), and of those the lowest, which bounds `behind`. Reading and
 * placing every marker on every report was most of this script's ResizeObserver time (~40 µs each in a
 * timed build of bench:feed), and by the end of a run nearly all of them were far behind.
 */
function movable(): Element[] {
  const targets: Element[] = [];
  let lowest: Element | undefined;
  let lowestBottom = -Infinity;
  for (const [target, marker] of markers) {
    if (marker.state !== 'behind' || !marker.at) targets.push(target);
    // Feeds take posts far above out of the page: the marker goes with its image.
    else if (!target.isConnected) forget(target);
    else if (marker.at.y + marker.at.height > lowestBottom) {
      lowest = target;
      lowestBottom = marker.at.y + marker.at.height;
    }
  }
  if (lowest) targets.push(lowest);
  return targets;
}

/**
 * A marker more than 2.5 viewports above the viewport leaves the overlay; it comes back within 1.5 (the
 * gap keeps a reader going back and forth from flipping it; see `behind`).
 */
const NEAR_VIEWPORTS = 1.5;
const FAR_VIEWPORTS = 2.5;

/** What each marker's buttons do, by its box: one click listener on the layer serves them all. */
const actionsOf = new WeakMap<Element, MarkerActions>();

function onClick(event: Event): void {
  const button = (event.target as Element).closest('button');
  const actions = button && actionsOf.get(button.closest('.marker')!);
  if (!actions) return;
  event.preventDefault();
  event.stopPropagation();
  if (button.dataset.action === 'review') actions.onReview();
  else actions.onDraftNotice();
}

/**
 * A marker without its work, built once with the fixed texts and cloned for each match: one call, where
 * building one took a dozen into the page's DOM.
 */
let blank: HTMLElement | undefined;

/**
 * "<title> (distance <n>)" for a match. The message is looked up once, with stand-ins, and filled in
 * here: each i18n.getMessage call from a content script cost ~0.15 ms (bench:feed CPU profile).
 */
let matchText: ((title: string, distance: number) => string) | undefined;

function describeMatch(title: string, distance: number): string {
  if (!matchText) {
    const template = t('markerMatch', ['{{title}}', '{{distance}}']);
    // One pass, so a title containing a stand-in is not filled in again.
    matchText = (title, distance) => template.replace(/\{\{(title|distance)\}\}/g, (_, name) => (name === 'title' ? title : String(distance)));
  }
  return matchText(title, distance);
}

function blankMarker(): HTMLElement {
  if (!blank) {
    const element = (name: string, className: string, ...children: (Node | string)[]) => {
      const made = document.createElement(name);
      made.className = className;
      made.append(...children);
      return made;
    };
    const button = (action: string, label: string, className: string) => {
      const made = element('button', className, label) as HTMLButtonElement;
      made.type = 'button';
      made.dataset.action = action;
      return made;
    };
    const thumb = element('img', '') as HTMLImageElement;
    thumb.alt = '';
    blank = element(
      'div',
      'marker',
      element('div', 'frame'),
      element(
        'div',
        'card',
        thumb,
        element('div', 'text', element('span', 'label', t('markerLabel')), element('span', 'title')),
        element('div', 'buttons', button('review', t('markerReview'), 'secondary'), button('draft-notice', t('draftNotice'), '')),
      ),
    );
  }
  return blank.cloneNode(true) as HTMLElement;
}

/**
 * Puts a marker over a matched element. It lives in a closed shadow root so page CSS cannot
 * restyle or hide it, and every text is set with textContent: nothing from the page becomes HTML.
 */
export function markMatch(target: Element, match: MatchSummary, actions: MarkerActions): void {
  target.setAttribute('data-reuse-radar-match', match.workId);
  forget(target);
  const box = blankMarker();
  const thumb = box.querySelector('img')!;
  if (match.thumbnail) thumb.src = match.thumbnail;
  const title = box.querySelector<HTMLElement>('.title')!;
  title.textContent = describeMatch(match.title, match.distance);
  title.title = match.title;
  actionsOf.set(box, actions);
  const marker: Marker = { box, state: 'loading', placed: '' };
  markers.set(target, marker);
  followScrolling(target);
  // The box enters the overlay already placed, its thumbnail drawn: appended, placed and with its thumbnail
  // loaded apart, each was a frame of its own that restyled and repainted the page (docs/benchmarks.md).
  void loaded(thumb).then(() => {
    if (markers.get(target) !== marker) return;
    marker.state = 'waiting';
    // Its first notification comes at once: that places it if near.
    nearby.observe(target);
  });
}

/** Settles when the image has loaded or failed to: a thumbnail that cannot load must not hold the marker back. */
function loaded(image: HTMLImageElement): Promise<void> {
  if (!image.src || image.complete) return Promise.resolve();
  return new Promise((resolve) => {
    image.onload = image.onerror = () => resolve();
  });
}

/** Takes the marker and the attribute off an element that no longer shows the matched image. */
export function unmark(target: Element): void {
  target.removeAttribute('data-reuse-radar-match');
  forget(target);
}

/** Removes an element's marker and stops watching the element. */
function forget(target: Element): void {
  const marker = markers.get(target);
  if (!marker) return;
  marker.box.remove();
  markers.delete(target);
  slides.unobserve(target);
  nearby.unobserve(target);
}

/** Removes every marker (the site was turned off or paused). */
export function clearMarkers(): void {
  for (const target of [...markers.keys()]) unmark(target);
  behind?.remove();
}

/** Where a frame's viewport sits in the top viewport: same-origin iframes nest their coordinates. */
function frameOffset(view: Window | null): { x: number; y: number } {
  let x = 0;
  let y = 0;
  try {
    while (view && view !== window && view.frameElement) {
      const frame = view.frameElement;
      const rect = frame.getBoundingClientRect();
      x += rect.left + frame.clientLeft;
      y += rect.top + frame.clientTop;
      view = frame.ownerDocument.defaultView;
    }
  } catch {
    // A cross-origin ancestor: its images were never scanned.
  }
  return { x, y };
}

/** Shows a marker at a rect in document coordinates, or hides it; writes nothing when that is already so. */
function place(marker: Marker, rect: Rect | undefined): void {
  // To 1/100 px: a sum with the scroll offset varies in its last bits, and each write is a style change.
  const px = (value: number) => `${Math.round(value * 100) / 100}px`;
  const placed = rect ? `margin-left: ${px(rect.x)}; margin-top: ${px(rect.y)}; width: ${px(rect.width)}; height: ${px(rect.height)};` : '';
  marker.at = rect;
  if (placed === marker.placed) return;
  marker.placed = placed;
  // One write, not one per property: each is a style change to process.
  marker.box.style.cssText = placed || 'display: none;';
}

/**
 * Moves the markers of `targets` onto their images, far ones too: one left at a stale place could be
 * scrolled to; waiting markers are shown. Called from ResizeObserver callbacks only, after the frame's
 * layout: the rects and styles cost no layout, and all are read before any is written.
 */
function reposition(targets: Element[]): void {
  const scroll = { x: window.scrollX, y: window.scrollY };
  const viewport = innerHeight;
  const updates: Array<[Element, Marker, DOMRect, { x: number; y: number }]> = [];
  for (const target of targets) {
    const marker = markers.get(target);
    if (!marker || marker.state === 'loading') continue;
    if (!target.isConnected) {
      forget(target);
      continue;
    }
    if (marker.inSlider === undefined) {
      marker.inSlider = inSlider(target);
      if (marker.inSlider) slides.observe(target);
    }
    const view = target.ownerDocument.defaultView;
    updates.push([target, marker, target.getBoundingClientRect(), view === window ? { x: 0, y: 0 } : frameOffset(view)]);
  }
  for (const [target, marker, rect, offset] of updates) {
    const top = rect.top + offset.y;
    if (marker.state === 'waiting') {
      marker.state = 'placed';
      // Each observed element costs every frame of scrolling (see `slides`).
      nearby.unobserve(target);
    }
    const shown = rect.width > 0 && rect.height > 0;
    place(marker, shown ? { x: rect.left + offset.x + scroll.x, y: rect.top + offset.y + scroll.y, width: rect.width, height: rect.height } : undefined);
    const above = -(top + rect.height);
    if (above > viewport * FAR_VIEWPORTS) {
      // The lowest of those already behind is measured on every report (see `movable`): out already.
      if (marker.state !== 'behind') marker.box.remove();
      marker.state = 'behind';
    }
    // Also when the page took the overlay out: it goes back with the box.
    else if (shown && !marker.box.isConnected && above <= viewport * NEAR_VIEWPORTS) {
      overlayLayer().append(marker.box);
      marker.state = 'placed';
    }
  }
  markBehind();
}

/**
 * The markers the reader has left far behind (more than 2.5 viewports above) are out of the overlay: each
 * box in it costs every frame of scrolling (hit tests, cull rects, paint; docs/benchmarks.md), and they are
 * taken out in frames the page draws anyway (`reposition`). `behind` is an invisible box from the top of
 * the document to 1.5 viewports below the lowest of them: one element watched, whatever their number,
 * and a jump back up lands in it too. When the reader comes back into it, the boxes near are put back.
 * It is a viewport wide, so a page scrolled sideways still meets it; the layer's layout containment keeps
 * it out of the page's scrollable area.
 */
let behind: HTMLElement | undefined;

const comingBack = new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) bringBack();
});

function bringBack(): void {
  const near: [Element, Marker][] = [];
  for (const [target, marker] of markers) {
    if (marker.state !== 'behind') continue;
    if (!target.isConnected) forget(target);
    // Read afresh (posts loaded above may have moved it), and all before any box goes back: each one
    // written would make the next read lay out again. The reader just came back: this runs seldom.
    else if (bottomInViewport(target) >= -innerHeight * NEAR_VIEWPORTS) near.push([target, marker]);
  }
  for (const [, marker] of near) {
    marker.state = 'placed';
    overlayLayer().append(marker.box);
  }
  // Reported in the coming frame, before it is drawn: placed where their images are now.
  if (near.length > 0) queueReposition();
  markBehind();
}

function bottomInViewport(target: Element): number {
  const view = target.ownerDocument.defaultView;
  return target.getBoundingClientRect().bottom + (view === window ? 0 : frameOffset(view).y);
}

/** Stretches `behind` to 1.5 viewports below the lowest marker left behind; takes it out when there is none. */
function markBehind(): void {
  let lowest = -Infinity;
  for (const marker of markers.values()) {
    if (marker.state === 'behind' && marker.at) lowest = Math.max(lowest, marker.at.y + marker.at.height);
  }
  if (lowest === -Infinity) {
    behind?.remove();
    return;
  }
  if (!behind) {
    behind = document.createElement('div');
    behind.className = 'behind';
  }
  const height = `${Math.round(lowest + innerHeight * NEAR_VIEWPORTS)}px`;
  if (behind.style.height !== height) behind.style.height = height;
  if (!behind.isConnected) {
    overlayLayer().append(behind);
    comingBack.observe(behind);
  }
}

/**
 * How many boxes above its image a slider's clipping frame may be. Carousels clip a few levels up
 * (Instagram's `ul._acay`: 4), a post's image sits 20–30 deep in X's markup, and each box looked at
 * costs four layout-checked reads (~12 µs): the whole walk was most of a marker's first placement.
 */
const SLIDER_DEPTH = 8;

/**
 * Whether an image sits in a box that clips content larger than itself: a carousel or slider, which may
 * move the image by a transform. A box that only rounds or crops its image (X's photo frames) is no slider.
 * When it is not (yet), the boxes looked at are remembered: a slide added in one of them may make it one.
 */
function inSlider(target: Element): boolean {
  const root = target.ownerDocument.body;
  let depth = 0;
  const looked: Element[] = [];
  for (let node = parentOf(target); node && node !== root && depth < SLIDER_DEPTH; node = parentOf(node), depth++) {
    looked.push(node);
    if (node.scrollWidth <= node.clientWidth + 1 && node.scrollHeight <= node.clientHeight + 1) continue;
    const style = node.ownerDocument.defaultView?.getComputedStyle(node);
    if (style && (style.overflowX !== 'visible' || style.overflowY !== 'visible')) return true;
  }
  for (const node of looked) {
    const below = mayBecomeSlider.get(node);
    if (below) below.add(target);
    else mayBecomeSlider.set(node, new Set([target]));
  }
  return false;
}

/** The boxes a marked image's slider check looked at and found no slider in, with the images below each. */
const mayBecomeSlider = new WeakMap<Node, Set<Element>>();

/**
 * The page added an element (the scanner's mutation records). A carousel built around a photo after its
 * marker was placed (slides added beside it) may now slide it by a transform, which nothing else reports:
 * its slider check is made again in the coming frame. One lookup per element added, so a feed adding
 * posts costs nothing here; a post's photo is 20–30 boxes below the timeline, far beyond SLIDER_DEPTH.
 */
export function elementAdded(element: Element): void {
  const parent = element.parentNode;
  const below = parent && mayBecomeSlider.get(parent);
  if (!below) return;
  mayBecomeSlider.delete(parent);
  let again = false;
  for (const target of below) {
    const marker = markers.get(target);
    if (marker?.inSlider !== false) continue;
    marker.inSlider = undefined;
    again = true;
  }
  if (again) queueReposition();
}

/** The parent element, across shadow roots. */
function parentOf(element: Element): Element | null {
  const parent = element.parentNode;
  if (parent?.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return (parent as ShadowRoot).host ?? null;
  return parent?.nodeType === Node.ELEMENT_NODE ? (parent as Element) : null;
}

/** Gets the markers measured right after the coming frame's layout (see `resizes`). */
function queueReposition(): void {
  if (markers.size === 0) return;
  const probe = document.documentElement;
  resizes.unobserve(probe);
  resizes.observe(probe);
}

const listened = new WeakSet<EventTarget>();

function listen(target: EventTarget, ...types: string[]): void {
  if (listened.has(target)) return;
  listened.add(target);
  for (const type of types) target.addEventListener(type, queueReposition, { passive: true });
}

/**
 * Markers sit in the top document, so the page's own scrolling moves them by itself; scrolling inside
 * a container or a frame does not. Scroll events do not bubble from elements (only the document's reach
 * the window), so each scroller above the image is listened to itself, across shadow roots and same-origin
 * frames: the page's scrolling never calls into this script, a carousel's does. A listener on an element
 * that never scrolls costs nothing.
 */
function followScrolling(target: Element): void {
  for (let element: Element | null = target; element; ) {
    for (let node = parentOf(element); node; node = parentOf(node)) listen(node, 'scroll');
    const view: Window | null = element.ownerDocument.defaultView;
    if (!view || view === window) break;
    listen(view, 'scroll', 'resize');
    if (view.document.body) resizes.observe(view.document.body);
    // Null across a cross-origin parent: its images were never scanned.
    element = view.frameElement;
  }
  if (!listened.has(window)) {
    listen(window, 'resize');
    if (document.body) resizes.observe(document.body);
  }
}
