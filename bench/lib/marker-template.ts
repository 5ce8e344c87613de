/**
 * The inside of a marker's box as the content script builds it (extension/content/marker.ts `blankMarker`;
 * its styles: extension/content/marker-style.ts): an orange frame over the image and a card with the work's
 * thumbnail, its title and distance, and the two buttons. For the benches that put markers on a page of
 * their own. `{n}` stands for the marker's number.
 */
export const MARKER_HTML =
  '<div class="frame"></div><div class="card"><img alt=""><div class="text"><span class="label">Reuse Radar</span><span class="title">Work {n} (distance 12)</span></div>' +
  '<div class="buttons"><button type="button" class="secondary">Review</button><button type="button">Draft notice</button></div></div>';
