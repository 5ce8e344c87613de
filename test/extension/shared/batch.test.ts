import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Batch } from '../../../extension/shared/batch.ts';

describe('Batch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('sends everything together when the most pressed item must go', () => {
    const sent: number[][] = [];
    const batch = new Batch<number>((items) => sent.push(items));
    batch.add(1, 300);
    batch.add(2, 100);
    batch.add(3, 250);
    vi.advanceTimersByTime(99);
    expect(sent).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([[1, 2, 3]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([[1, 2, 3]]);
  });

  it('sends at once an item that may not wait, with whatever waits', () => {
    const sent: number[][] = [];
    const batch = new Batch<number>((items) => sent.push(items));
    batch.add(1, 200);
    batch.add(2, 0);
    expect(sent).toEqual([[1, 2]]);
    vi.advanceTimersByTime(1000);
    expect(sent).toEqual([[1, 2]]);
  });

  it('does not send early what was added after a batch went, when an older timer fires', () => {
    const sent: number[][] = [];
    const batch = new Batch<number>((items) => sent.push(items));
    batch.add(1, 300);
    batch.add(2, 100);
    vi.advanceTimersByTime(100);
    batch.add(3, 400);
    vi.advanceTimersByTime(300);
    expect(sent).toEqual([[1, 2]]);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([[1, 2], [3]]);
  });

  it('drops what waits when cleared', () => {
    const sent: number[][] = [];
    const batch = new Batch<number>((items) => sent.push(items));
    batch.add(1, 50);
    batch.clear();
    vi.advanceTimersByTime(1000);
    batch.add(2, 10);
    vi.advanceTimersByTime(10);
    expect(sent).toEqual([[2]]);
  });
});
