import { describe, expect, it, vi } from 'vitest';
import { REQUEST_LOOKAHEAD_PX, slackFor } from '../../extension/messages.ts';

// messages.ts wraps the extension API; these tests need none of it.
vi.mock('webextension-polyfill', () => ({ default: {} }));

describe('slackFor', () => {
  it('gives nothing to images in or next to the viewport: their checks go at once', () => {
    expect(slackFor(0)).toBe(0);
    expect(slackFor(300)).toBe(0);
  });

  it('grows with the distance a reader has to scroll, less the time of the check', () => {
    // Posts a feed adds 800 px below the viewport: ~100 ms; the far end of the look-ahead: over a second.
    expect(slackFor(800)).toBeGreaterThan(50);
    expect(slackFor(800)).toBeLessThan(200);
    expect(slackFor(REQUEST_LOOKAHEAD_PX)).toBeGreaterThan(1000);
    expect(slackFor(2000)).toBeGreaterThan(slackFor(1000));
  });
});
