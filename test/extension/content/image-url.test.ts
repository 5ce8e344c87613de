import { describe, expect, it } from 'vitest';
import {
  absoluteHttpUrl,
  backgroundUrl,
  chooseCandidate,
  isLargeEnough,
  parseSrcset,
} from '../../../extension/content/image-url.ts';

describe('parseSrcset', () => {
  it('reads width and density descriptors', () => {
    expect(parseSrcset('a.jpg 320w, b.jpg 640w,c.jpg 1080w')).toEqual([
      { url: 'a.jpg', width: 320 },
      { url: 'b.jpg', width: 640 },
      { url: 'c.jpg', width: 1080 },
    ]);
    expect(parseSrcset('https://i.pinimg.com/236x/a.jpg 1x, https://i.pinimg.com/474x/a.jpg 2x, https://i.pinimg.com/736x/a.jpg 3x')).toEqual([
      { url: 'https://i.pinimg.com/236x/a.jpg', density: 1 },
      { url: 'https://i.pinimg.com/474x/a.jpg', density: 2 },
      { url: 'https://i.pinimg.com/736x/a.jpg', density: 3 },
    ]);
  });

  it('keeps commas inside URLs whole (wixmp and Cloudinary transforms)', () => {
    const small = 'https://images-wixmp-ed30.wixmp.com/f/1/2.jpg/v1/fill/w_300,h_200,q_70,strp/x.jpg?token=a.b';
    const large = 'https://images-wixmp-ed30.wixmp.com/f/1/2.jpg/v1/fill/w_1024,h_683,q_75,strp/x.jpg?token=a.b';
    expect(parseSrcset(`${small} 300w, ${large} 1024w`)).toEqual([
      { url: small, width: 300 },
      { url: large, width: 1024 },
    ]);
  });

  it('takes a lone URL and a URL ending in a comma without descriptors', () => {
    expect(parseSrcset('only.jpg')).toEqual([{ url: 'only.jpg' }]);
    expect(parseSrcset('a.jpg,, b.jpg 2x')).toEqual([{ url: 'a.jpg' }, { url: 'b.jpg', density: 2 }]);
    expect(parseSrcset('  ')).toEqual([]);
  });
});

describe('chooseCandidate', () => {
  const instagram = parseSrcset('s150.jpg 150w, s240.jpg 240w, s320.jpg 320w, s480.jpg 480w, s640.jpg 640w, s1080.jpg 1080w');

  it('fetches the smallest candidate at least 256 px wide', () => {
    expect(chooseCandidate(instagram, 470)?.url).toBe('s320.jpg');
    expect(chooseCandidate(parseSrcset('b.jpg 640w, a.jpg 300w, c.jpg 260w'), 0)?.url).toBe('c.jpg');
  });

  it('turns density descriptors into widths with the rendered width', () => {
    const pins = parseSrcset('236.jpg 1x, 474.jpg 2x, 736.jpg 3x, orig.jpg 4x');
    expect(chooseCandidate(pins, 236)?.url).toBe('474.jpg');
    expect(chooseCandidate(pins, 300)?.url).toBe('236.jpg');
    // Before layout there is no width to scale: let the caller fall back to what the browser shows.
    expect(chooseCandidate(pins, 0)).toBeUndefined();
  });

  it('takes the widest when none reaches 256 px', () => {
    expect(chooseCandidate(parseSrcset('a.jpg 100w, b.jpg 200w'), 150)?.url).toBe('b.jpg');
  });
});

describe('backgroundUrl and absoluteHttpUrl', () => {
  it('reads the first url() of a background-image value', () => {
    expect(backgroundUrl('url("https://pbs.twimg.com/media/A?format=jpg&name=small")')).toBe('https://pbs.twimg.com/media/A?format=jpg&name=small');
    expect(backgroundUrl("url('a.jpg'), linear-gradient(red, blue)")).toBe('a.jpg');
    expect(backgroundUrl('url(b.png)')).toBe('b.png');
    expect(backgroundUrl('linear-gradient(red, blue)')).toBeUndefined();
    expect(backgroundUrl('none')).toBeUndefined();
  });

  it('reports only http(s) images, resolved against the page', () => {
    expect(absoluteHttpUrl('/media/a.jpg', 'https://x.com/home')).toBe('https://x.com/media/a.jpg');
    expect(absoluteHttpUrl('data:image/gif;base64,R0lGOD', 'https://x.com/')).toBeUndefined();
    expect(absoluteHttpUrl('blob:https://x.com/1', 'https://x.com/')).toBeUndefined();
    expect(absoluteHttpUrl('', 'https://x.com/')).toBeUndefined();
  });
});

describe('isLargeEnough', () => {
  it('skips images under 128 px on both sides', () => {
    expect(isLargeEnough({ width: 48, height: 48 })).toBe(false);
    expect(isLargeEnough({ width: 127, height: 127 })).toBe(false);
    expect(isLargeEnough({ width: 300, height: 90 })).toBe(true);
    expect(isLargeEnough({ width: 128, height: 10 })).toBe(true);
  });
});
