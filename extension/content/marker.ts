import type { MatchSummary } from '../messages.ts';
import { t } from '../shared/i18n.ts';

const STYLE = `
  :host { all: initial; position: absolute; top: 0; left: 0; z-index: 2147483646; pointer-events: none; contain: layout style; }
  .frame { position: absolute; inset: 0; border: 3px solid #ea580c; border-radius: 6px; box-sizing: border-box; }
  .card { position: absolute; top: 6px; left: 6px; display: flex; gap: 8px; align-items: center; max-width: calc(100% - 12px);
    padding: 6px 8px; border-radius: 8px; background: rgba(255,255,255,.96); color: #1c1917; box-shadow: 0 2px 10px rgba(0,0,0,.3);
    font: 12px/1.3 system-ui, sans-serif; pointer-events: auto; box-sizing: border-box; }
  img { width: 36px; height: 36px; object-fit: cover; border-radius: 4px; flex: none; }
  .text { display: flex; flex-direction: column; min-width: 0; }
  .label { font-weight: 600; color: #c2410c; }
  .title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .buttons { display: flex; gap: 4px; flex: none; }
  button { font: inherit; border: 1px solid #c2410c; color: #fff; background: #c2410c; border-radius: 4px; padding: 3px 6px; cursor: pointer; }
  button.secondary { background: #fff; color: #c2410c; }
`;

export interface MarkerActions {
  /** "Review": this tab's matches in the popup view. */
  onReview(): void;
  /** "Draft notice": the notice for this match. */
  onDraftNotice(): void;
}

interface Marker {
  host: HTMLElement;
  /** Near the viewport: only these are measured when the page scrolls or reflows. */
  visible: boolean;
}

const markers = new Map<Element, Marker>();

const visibility = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      const marker = markers.get(entry.target);
      if (!marker) continue;
      marker.visible = entry.isIntersecting;
      if (!marker.visible) marker.host.style.display = 'none';
    }
    // Delivered after the frame's layout: reading rects now costs no extra layout.
    repositionAll();
  },
  { rootMargin: '100px' },
);

// Size changes of a marked image (responsive layouts, lazy loads) and of the page move its frame.
// Resize observations arrive right after layout, so the rects are read without forcing another one.
const resizes = new ResizeObserver(() => repositionAll());

function button(label: string, className: string, action: () => void): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.className = className;
  element.textContent = label;
  element.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    action();
  });
  return element;
}

/**
 * Puts a marker over a matched element. It lives in a closed shadow root so page CSS cannot
 * restyle or hide it, and every text is set with textContent: nothing from the page becomes HTML.
 */
export function markMatch(target: Element, match: MatchSummary, actions: MarkerActions): void {
  target.setAttribute('data-reuse-radar-match', match.workId);
  const existing = markers.get(target);
  if (existing) existing.host.remove();
  const host = document.createElement('reuse-radar-marker');
  host.style.display = 'none';
  const root = host.attachShadow({ mode: 'closed' });
  const style = document.createElement('style');
  style.textContent = STYLE;
  const frame = document.createElement('div');
  frame.className = 'frame';
  const card = document.createElement('div');
  card.className = 'card';
  const thumb = document.createElement('img');
  thumb.alt = '';
  if (match.thumbnail) thumb.src = match.thumbnail;
  const text = document.createElement('div');
  text.className = 'text';
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = t('markerLabel');
  const title = document.createElement('span');
  title.className = 'title';
  title.textContent = t('markerMatch', [match.title, String(match.distance)]);
  title.title = match.title;
  text.append(label, title);
  const buttons = document.createElement('div');
  buttons.className = 'buttons';
  buttons.append(button(t('markerReview'), 'secondary', actions.onReview), button(t('draftNotice'), '', actions.onDraftNotice));
  card.append(thumb, text, buttons);
  root.append(style, frame, card);
  // Outside body: page styles on body (position, transform) cannot shift the overlay. Placed in document
  // coordinates, so scrolling the page moves it with its image at no cost; only inner scrollers and reflows
  // need it moved.
  document.documentElement.append(host);
  markers.set(target, { host, visible: true });
  listenTo(target.ownerDocument.defaultView);
  visibility.observe(target);
  resizes.observe(target);
  queueReposition();
}

/** Takes the marker and the attribute off an element that no longer shows the matched image. */
export function unmark(target: Element): void {
  target.removeAttribute('data-reuse-radar-match');
  const marker = markers.get(target);
  if (!marker) return;
  marker.host.remove();
  markers.delete(target);
  visibility.unobserve(target);
  resizes.unobserve(target);
}

/** Removes every marker (the site was turned off or paused). */
export function clearMarkers(): void {
  for (const target of [...markers.keys()]) unmark(target);
}

export function markerCount(): number {
  return markers.size;
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

let queued = false;

/**
 * Moves the visible markers onto their images. All rects are read first and all styles written after,
 * so one frame costs one layout however many markers there are; off-screen markers are not measured.
 */
function repositionAll(): void {
  queued = false;
  const scroll = { x: window.scrollX, y: window.scrollY };
  const updates: Array<[HTMLElement, DOMRect, { x: number; y: number }]> = [];
  for (const [target, marker] of markers) {
    if (!target.isConnected) {
      marker.host.remove();
      markers.delete(target);
      visibility.unobserve(target);
      resizes.unobserve(target);
      continue;
    }
    if (marker.visible) updates.push([marker.host, target.getBoundingClientRect(), frameOffset(target.ownerDocument.defaultView)]);
  }
  for (const [host, rect, offset] of updates) {
    const shown = rect.width > 0 && rect.height > 0;
    host.style.display = shown ? 'block' : 'none';
    if (!shown) continue;
    host.style.transform = `translate(${rect.left + offset.x + scroll.x}px, ${rect.top + offset.y + scroll.y}px)`;
    host.style.width = `${rect.width}px`;
    host.style.height = `${rect.height}px`;
  }
}

function queueReposition(): void {
  if (queued) return;
  queued = true;
  requestAnimationFrame(repositionAll);
}

const listened = new WeakSet<Window>();

/** The page's own scrolling moves markers by itself; scrolling inside a container or a frame does not. */
function onScroll(event: Event): void {
  if (event.target === document || event.target === document.documentElement) return;
  queueReposition();
}

/** Markers sit in the top document; they follow their images through inner scrolling in any frame. */
function listenTo(view: Window | null): void {
  if (!view || listened.has(view)) return;
  listened.add(view);
  view.addEventListener('scroll', onScroll, { passive: true, capture: true });
  view.addEventListener('resize', queueReposition, { passive: true });
  // Posts loaded or removed above an image move it without resizing it: the body's size changes then.
  if (view.document.body) resizes.observe(view.document.body);
  if (view !== window) listenTo(window);
}
