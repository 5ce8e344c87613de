import { describe, expect, it } from 'vitest';
import { transition, type Case } from '../../../src/notice/cases.ts';
import type { Detection } from '../../../src/registry/schema.ts';
import { Registry } from '../../../src/registry/store.ts';
import { freshName } from './helpers.ts';

const found = { workId: 'w-1', imageUrl: 'https://cdn.example/1.jpg', pageUrl: 'https://social.example/p', pageTitle: 'Post', site: 'x', distance: 3 };

function moved(detection: Detection, event: Parameters<typeof transition>[1]): Case {
  const result = transition({ ...detection, createdAt: detection.firstSeen }, event);
  if (!result.ok) throw new Error(result.error);
  return result.case;
}

describe('Registry cases and screenshots', () => {
  it('starts detections as new cases and stores each move of the case', async () => {
    const registry = await Registry.open(freshName());
    const { detection, added } = await registry.addDetection(found);
    expect(added).toBe(true);
    expect(detection).toMatchObject({ status: 'new', sent: [], history: [], updatedAt: detection.firstSeen });

    const allowed = await registry.saveCase(detection.id, moved(detection, { type: 'allow', at: '2026-11-26T10:00:00.000Z', allowance: { site: 'x' } }));
    expect(allowed).toMatchObject({ status: 'allowed', allowance: { site: 'x' }, pageUrl: found.pageUrl });
    // Only case fields are stored: the Case's own keys (createdAt) stay off the detection.
    expect(allowed).not.toHaveProperty('createdAt');
    // Reopening drops the allowance from the stored record, not only from the case.
    const reopened = await registry.saveCase(detection.id, moved(allowed, { type: 'reopen', at: '2026-11-26T11:00:00.000Z' }));
    expect(reopened.status).toBe('reviewed');
    expect(await registry.getDetection(detection.id)).not.toHaveProperty('allowance');
    expect((await registry.getDetection(detection.id))?.history).toHaveLength(2);

    // Seeing the copy again keeps its case as it is.
    expect(await registry.addDetection(found)).toMatchObject({ added: false, detection: { status: 'reviewed' } });
    expect(await registry.listDetections()).toHaveLength(1);
    await expect(registry.saveCase('nope', reopened)).rejects.toThrow(/nope/);
    registry.close();
  });

  it('keeps one screenshot per detection, replacing the earlier one', async () => {
    const registry = await Registry.open(freshName());
    const { detection } = await registry.addDetection(found);
    const first = await registry.addScreenshot(detection.id, { type: 'image/png', bytes: new Uint8Array([1]).buffer }, '2026-11-26T10:00:00.000Z');
    const second = await registry.addScreenshot(detection.id, { type: 'image/png', bytes: new Uint8Array([2]).buffer }, '2026-11-26T11:00:00.000Z');
    expect((await registry.getDetection(detection.id))?.screenshotId).toBe(second.id);
    expect(await registry.getScreenshot(first.id)).toBeUndefined();
    expect(new Uint8Array((await registry.getScreenshot(second.id))!.bytes)).toEqual(new Uint8Array([2]));
    registry.close();
  });

  it('keeps the screenshot-at-detection opt-in, off by default', async () => {
    const registry = await Registry.open(freshName());
    expect((await registry.getSettings()).screenshotAtDetection).toBe(false);
    await registry.saveScreenshotAtDetection(true);
    expect((await registry.getSettings()).screenshotAtDetection).toBe(true);
    registry.close();
  });
});
