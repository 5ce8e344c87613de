/**
 * The markers' styles, in a module of their own so that the benches (bench:marker, bench:overlay) draw
 * exactly what the content script does. Why the overlay is laid out this way: `overlay` in marker.ts.
 */

/** The overlay: its host at the top document's origin, the 0 × 0 layer, each marker's box in its one grid cell. */
export const OVERLAY_STYLE = `
  :host { all: initial !important; display: block !important; position: absolute !important; top: 0 !important; left: 0 !important;
    width: 0 !important; height: 0 !important; z-index: 2147483646 !important; pointer-events: none !important; }
  .layer { display: grid; grid-template: 0px / 0px; width: 0; height: 0; contain: size layout style; }
  .marker { grid-area: 1 / 1; display: grid; grid-template: minmax(0, 1fr) / minmax(0, 1fr); }
  .behind { grid-area: 1 / 1; align-self: start; width: 100vw; visibility: hidden; }
`;

/** What a marker shows: the frame over the image, and the card with the thumbnail, the texts and the two buttons. */
export const MARKER_CONTENT_STYLE = `
  .frame { grid-area: 1 / 1; border: 3px solid #ea580c; border-radius: 6px; }
  .card { grid-area: 1 / 1; align-self: start; justify-self: start; margin: 6px; display: flex; gap: 8px; align-items: center; max-width: calc(100% - 12px);
    padding: 6px 8px; border-radius: 8px; background: rgba(255,255,255,.96); color: #1c1917; box-shadow: 0 2px 10px rgba(0,0,0,.3);
    font: 12px/1.3 system-ui, sans-serif; pointer-events: auto; box-sizing: border-box; }
  img { width: 36px; height: 36px; object-fit: cover; border-radius: 4px; flex: none; }
  .text { display: flex; flex-direction: column; min-width: 0; }
  .label { font-weight: 600; color: #c2410c; }
  .label, .title { white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
  .buttons { display: flex; gap: 4px; flex: none; }
  button { font: inherit; border: 1px solid #c2410c; color: #fff; background: #c2410c; border-radius: 4px; padding: 3px 6px; cursor: pointer; }
  button.secondary { background: #fff; color: #c2410c; }
`;
