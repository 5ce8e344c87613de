import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/registry/store.ts';
import { freshName } from './helpers.ts';

const found = { workId: 'w-1', imageUrl: 'https://cdn.example/1.jpg', pageUrl: 'https://social.example/p', pageTitle: 'Post', site: 'x', distance: 3 };

describe('Registry cases and screenshots', () => {
  it('starts detections as new cases and records each status change with its time', async () => {
    const registry = await Registry.open(freshName());
    const detection = await registry.addDetection(found);
    expect(detection.status).toBe('new');
    const sent = await registry.updateCase(detection.id, { status: 'sent', sent: { date: '2026-11-26', channel: 'help.x.com/forms/dmca' } });
    expect(sent).toMatchObject({ status: 'sent', sent: { date: '2026-11-26', channel: 'help.x.com/forms/dmca' } });
    expect(Date.parse(sent.statusAt!)).not.toBeNaN();
    // Seeing the copy again keeps its case as it is.
    expect((await registry.addDetection(found)).status).toBe('sent');
    expect(await registry.listDetections()).toEqual([sent]);
    await expect(registry.updateCase('nope', { status: 'dismissed' })).rejects.toThrow(/nope/);
    registry.close();
  });

  it('keeps one screenshot per detection, replacing the earlier one', async () => {
    const registry = await Registry.open(freshName());
    const detection = await registry.addDetection(found);
    const first = await registry.addScreenshot(detection.id, { type: 'image/png', bytes: new Uint8Array([1]).buffer }, '2026-11-26T10:00:00.000Z');
    const second = await registry.addScreenshot(detection.id, { type: 'image/png', bytes: new Uint8Array([2]).buffer }, '2026-11-26T11:00:00.000Z');
    expect((await registry.getDetection(detection.id))?.screenshotId).toBe(second.id);
    expect(await registry.getScreenshot(first.id)).toBeUndefined();
    expect(new Uint8Array((await registry.getScreenshot(second.id))!.bytes)).toEqual(new Uint8Array([2]));
    registry.close();
  });
});
