/**
 * A marker as the content script draws one (extension/content/marker.ts): an orange frame over the image
 * and a card with the work's thumbnail, its title and distance, and the two buttons. For the benches that
 * put markers on a page of their own; the shipped overlay's layout rules are given apart, per bench.
 */
export const MARKER_CSS = `
  .frame { grid-area: 1 / 1; border: 3px solid #ea580c; border-radius: 6px; }
  .card { grid-area: 1 / 1; align-self: start; justify-self: start; margin: 6px; display: flex; gap: 8px; align-items: center; padding: 6px 8px;
    background: #fff; box-shadow: 0 2px 10px rgba(0,0,0,.3); font: 12px/1.3 system-ui, sans-serif; pointer-events: auto; }
  img { width: 36px; height: 36px; flex: none; } .text { display: flex; flex-direction: column; min-width: 0; }
  .buttons { display: flex; gap: 4px; flex: none; }`;

/** The inside of a marker's box; `{n}` stands for its number. */
export const MARKER_HTML =
  '<div class="frame"></div><div class="card"><img alt=""><div class="text"><span>Reuse Radar</span><span>Work {n} · distance 12</span></div><div class="buttons"><button>Review</button><button>Draft notice</button></div></div>';
