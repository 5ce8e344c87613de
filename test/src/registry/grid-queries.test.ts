import { describe, expect, it } from 'vitest';
import { Registry } from '../../../src/registry/store.ts';
import { freshName, newWork } from './helpers.ts';

describe('workIds and getWorkSummaries (the virtualised grid)', () => {
  it('lists ids in the grid orders and reads just the works asked for, in that order', async () => {
    const registry = await Registry.open(freshName());
    const titles = ['banana', 'Apple', 'cherry'];
    const ids: string[] = [];
    for (const [i, title] of titles.entries()) {
      ids.push((await registry.addWork(newWork(i, { title }))).work.id);
      // Distinct addedAt values: registration order is the default order.
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(await registry.workIds()).toEqual([...ids].reverse());
    expect(await registry.workIds({ direction: 'asc' })).toEqual(ids);
    expect(await registry.workIds({ sort: 'title' })).toEqual([ids[1], ids[0], ids[2]]);
    expect(await registry.workIds({ sort: 'title', direction: 'desc' })).toEqual([ids[2], ids[0], ids[1]]);
    // The same order pageWorks gives.
    expect((await registry.pageWorks({ limit: 10 })).works.map((w) => w.id)).toEqual(await registry.workIds());

    const summaries = await registry.getWorkSummaries([ids[2], 'w-not-registered', ids[0]]);
    expect(summaries.map((w) => w.title)).toEqual(['cherry', 'banana']);
    expect(summaries[0]).not.toHaveProperty('fingerprint');
    expect(summaries[0]).not.toHaveProperty('titleKey');
    registry.close();
  });

  it('filters pages by a predicate on the work, with or without a search', async () => {
    const registry = await Registry.open(freshName());
    for (let i = 0; i < 6; i++) {
      await registry.addWork(newWork(i, { title: i % 2 ? `odd ${i}` : `even ${i}`, authorship: { aiGenerated: i % 3 === 0 } }));
    }
    const ai = (work: { authorship: { aiGenerated: boolean } }) => work.authorship.aiGenerated;
    const all = await registry.pageWorks({ filter: ai, sort: 'title' });
    expect(all.total).toBe(2);
    expect(all.works.map((w) => w.title)).toEqual(['even 0', 'odd 3']);
    expect((await registry.pageWorks({ filter: ai, search: 'odd' })).works.map((w) => w.title)).toEqual(['odd 3']);
    expect((await registry.pageWorks({ filter: ai, sort: 'title', offset: 1, limit: 1 })).works.map((w) => w.title)).toEqual(['odd 3']);
    registry.close();
  });
});
