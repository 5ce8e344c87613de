import type { MatchSummary } from '../messages.ts';
import { t } from '../shared/i18n.ts';

const STYLE = `
  :host { all: initial; position: fixed; z-index: 2147483646; pointer-events: none; }
  .frame { position: absolute; inset: 0; border: 3px solid #ea580c; border-radius: 6px; box-sizing: border-box; }
  .card { position: absolute; top: 6px; left: 6px; display: flex; gap: 8px; align-items: center; max-width: calc(100% - 12px);
    padding: 6px 8px; border-radius: 8px; background: rgba(255,255,255,.96); color: #1c1917; box-shadow: 0 2px 10px rgba(0,0,0,.3);
    font: 12px/1.3 system-ui, sans-serif; pointer-events: auto; }
  img { width: 36px; height: 36px; object-fit: cover; border-radius: 4px; flex: none; }
  .text { display: flex; flex-direction: column; min-width: 0; }
  .label { font-weight: 600; color: #c2410c; }
  .title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  button { font: inherit; border: 1px solid #c2410c; color: #fff; background: #c2410c; border-radius: 4px; padding: 3px 6px; cursor: pointer; flex: none; }
`;

const markers = new Map<Element, HTMLElement>();

function position(target: Element, marker: HTMLElement): void {
  const rect = target.getBoundingClientRect();
  Object.assign(marker.style, {
    top: `${rect.top}px`,
    left: `${rect.left}px`,
    width: `${rect.width}px`,
    height: `${rect.height}px`,
    display: rect.width > 0 ? 'block' : 'none',
  });
}

/**
 * Puts a marker over a matched element. It lives in a closed shadow root so page CSS cannot
 * restyle or hide it, and every text is set with textContent: nothing from the page becomes HTML.
 */
export function markMatch(target: Element, match: MatchSummary, onDraftNotice: () => void): void {
  target.setAttribute('data-reuse-radar-match', match.workId);
  if (markers.has(target)) return;
  const marker = document.createElement('reuse-radar-marker');
  const root = marker.attachShadow({ mode: 'closed' });
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
  text.append(label, title);
  const draft = document.createElement('button');
  draft.textContent = t('draftNotice');
  draft.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    onDraftNotice();
  });
  card.append(thumb, text, draft);
  root.append(style, frame, card);
  // Outside body: page styles on body (position, transform) cannot shift a fixed overlay.
  document.documentElement.append(marker);
  markers.set(target, marker);
  position(target, marker);
  scheduleRepositionLoop();
}

let repositionQueued = false;
function repositionAll(): void {
  repositionQueued = false;
  for (const [target, marker] of markers) {
    if (!target.isConnected) {
      marker.remove();
      markers.delete(target);
    } else {
      position(target, marker);
    }
  }
}

function queueReposition(): void {
  if (repositionQueued) return;
  repositionQueued = true;
  requestAnimationFrame(repositionAll);
}

let listening = false;
/** Markers are fixed to the viewport; they follow their images through scrolling and reflow. */
function scheduleRepositionLoop(): void {
  if (listening) return;
  listening = true;
  window.addEventListener('scroll', queueReposition, { passive: true, capture: true });
  window.addEventListener('resize', queueReposition, { passive: true });
  new ResizeObserver(queueReposition).observe(document.body);
}
