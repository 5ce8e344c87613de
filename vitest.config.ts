import { defineConfig } from 'vitest/config';

// Vitest 5's reporter calls Map.groupBy (Node 21+) when it prints a failure; on Node 20 it would crash
// and hide the failure's message. This config runs in that process, so the method is supplied here.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;
(Map as MapConstructor & { groupBy?: GroupBy }).groupBy ??= (items, key) => {
  const groups = new Map();
  let index = 0;
  for (const item of items) {
    const group = key(item, index++);
    groups.set(group, [...(groups.get(group) ?? []), item]);
  }
  return groups;
};

export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/e2e/**'], environment: 'node' } },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          // Real browsers are slow to start; the suites share one machine with 2 cores.
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
