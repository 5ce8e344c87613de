/**
 * Speed bench: npm run bench:speed [corpus-dir] [--quick] [--index-only] [--sizes 10000,1000000]
 *
 *  1. Hash time per decoded image (fingerprintQuery, fingerprintWork) and full query time
 *     (fingerprintQuery + MatchIndex.match) against registries of corpus works, alone and padded
 *     with synthetic works to 1M views.
 *  2. The Hamming index at 10k / 100k / 1M hashes: build time, memory, query p50/p99 at the
 *     engine's search radius vs a linear scan in the same run, with results checked to be equal.
 */
import { performance } from 'node:perf_hooks';
import { cpus, loadavg } from 'node:os';
import { decodeFile } from '../src/node/decode.ts';
import { fingerprintQuery, fingerprintWork, MatchIndex, viewCount, type WorkFingerprint } from '../src/match/index.ts';
import { PARAMS } from '../src/match/engine.ts';
import { HammingIndex, linearSearch } from '../src/match/mih.ts';
import { HASH_WORDS } from '../src/match/hashes.ts';
import { wordsToBytes } from '../src/match/codec.ts';
import { DEFAULT_CORPUS, listCorpus } from './lib/corpus.ts';
import { rng32 } from './lib/transforms.ts';
import type { RgbaImage } from '../src/image.ts';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
/** --index-only: skip part 1 (the engine on the corpus) and run only the index table. */
const indexOnly = args.includes('--index-only');
/** --sizes 10000,1000000: the index table's sizes (default 10k, 100k, and 1M without --quick). */
const sizesArg = args.indexOf('--sizes');
const sizeList = sizesArg >= 0 ? args[sizesArg + 1]?.split(',').map(Number) : undefined;
if (sizeList && (sizeList.length === 0 || sizeList.some((x) => !(Number.isInteger(x) && x > 0)))) throw new Error(`--sizes: expected a comma-separated list of positive integers, got ${args[sizesArg + 1]}`);
const corpusDir = args.find((a, i) => !a.startsWith('--') && !(sizesArg >= 0 && i === sizesArg + 1)) ?? DEFAULT_CORPUS;

let rand32 = rng32(12345);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};
const ms = (x: number) => `${x.toFixed(3)} ms`;
const mb = (b: number) => `${(b / 1048576).toFixed(1)} MB`;

console.log(`\nSpeed — ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}, Node ${process.version}\n`);

// ---- 1. engine per image ------------------------------------------------------------------------
if (!indexOnly) {
  let images: RgbaImage[] = [];
  try {
    const list = listCorpus(corpusDir);
    for (const im of list.slice(0, quick ? 40 : list.length)) images.push(await decodeFile(im.path));
    console.log(`corpus: ${corpusDir} (${images.length} images decoded at ≤512 px)`);
  } catch (e) {
    console.log(`${(e as Error).message.split('\n')[0]} — using 64 synthetic 512×512 images instead`);
    images = Array.from({ length: 64 }, () => {
      const data = new Uint8ClampedArray(512 * 512 * 4);
      const f = 1 + (rand32() % 7), ph = rand32() % 100;
      for (let i = 0; i < 512 * 512; i++) {
        const x = i % 512, y = Math.floor(i / 512);
        const v = 128 + 100 * Math.sin((x * f) / 60 + ph) * Math.cos((y * (8 - f)) / 70);
        data[i * 4] = v; data[i * 4 + 1] = 255 - v; data[i * 4 + 2] = (v * 3) % 255; data[i * 4 + 3] = 255;
      }
      return { width: 512, height: 512, data };
    });
  }

  /** Per-call times; CPU time of this process (user + system), which other load on the machine inflates less than wall time. */
  const cpuOut: number[][] = [];
  const timeEach = <T>(xs: T[], f: (x: T) => unknown, reps = 3): number[] => {
    const out: number[] = [];
    const cpu: number[] = [];
    for (let r = 0; r < reps; r++) for (const x of xs) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      f(x);
      out.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    cpuOut.push(cpu);
    return out;
  };
  timeEach(images.slice(0, 10), (im) => fingerprintQuery(im), 1); // warm-up
  const tq = timeEach(images, (im) => fingerprintQuery(im));
  const works: WorkFingerprint[] = images.map((im) => fingerprintWork(im));
  const tw = timeEach(images.slice(0, 30), (im) => fingerprintWork(im), 1);
  const small = MatchIndex.of(works.map((fingerprint, i) => ({ id: `w${i}`, fingerprint })));
  const queries = images.map((im) => fingerprintQuery(im));
  small.match(queries[0]);
  const tm = timeEach(queries, (q) => small.match(q));
  const tqm = timeEach(images, (im) => small.match(fingerprintQuery(im)));

  // The same corpus works plus synthetic works (random views) up to 1M views.
  const bigWorks = works.map((fingerprint, i) => ({ id: `w${i}`, fingerprint }));
  const viewsPerWork = Math.round(works.reduce((n, w) => n + viewCount(w), 0) / works.length);
  const target = quick ? 100_000 : 1_000_000;
  for (let i = 0, views = 0; views < target; i++, views += viewsPerWork) {
    const fingerprint = { engine: works[0].engine, views: wordsToBytes(Uint32Array.from({ length: viewsPerWork * 2 * HASH_WORDS }, rand32)) };
    bigWorks.push({ id: `s${i}`, fingerprint });
  }
  // Packing and building the tables: what the background does when it has no index snapshot.
  const t0 = performance.now();
  const big = MatchIndex.of(bigWorks);
  const bigBuild = performance.now() - t0;
  big.match(queries[0]);
  const tbig = timeEach(queries, (q) => big.match(q));

  const cq = cpuOut[1], cw = cpuOut[2], cm = cpuOut[3], cqm = cpuOut[4], cbig = cpuOut[5];
  console.log(`\nload average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores; other work on the machine inflates wall times)`);
  console.log('\n| step (per decoded image) | wall p50 | wall p99 | CPU p50 | CPU p99 |');
  console.log('|---|---|---|---|---|');
  const row = (name: string, wall: number[], cpu: number[]) => console.log(`| ${name} | ${ms(pct(wall, 0.5))} | ${ms(pct(wall, 0.99))} | ${ms(pct(cpu, 0.5))} | ${ms(pct(cpu, 0.99))} |`);
  row('fingerprintQuery (hash a feed image)', tq, cq);
  row(`fingerprintWork (register a work, ~${viewsPerWork} views)`, tw, cw);
  row(`match, ${small.size} works / ${small.viewCount} views`, tm, cm);
  row(`fingerprintQuery + match, ${small.size} works`, tqm, cqm);
  row(`match, ${big.size} works / ${big.viewCount} views (index build ${bigBuild.toFixed(0)} ms)`, tbig, cbig);
}

// ---- 2. the index alone -------------------------------------------------------------------------
rand32 = rng32(12345); // the same index data with or without part 1
const radius = PARAMS.searchRadius;
console.log(`\nload average ${loadavg().map((x) => x.toFixed(1)).join(' ')} (2 cores)`);
console.log(`\nIndex: 256-bit hashes, radius ${radius} bits (the engine's search radius); queries: half are stored hashes with 0–${radius} bits flipped, half random.`);
console.log('"clustered" data: 1 000 random centres, each stored hash a centre with 40–80 bits flipped (dense neighbourhoods, the hard case for multi-index hashing).\n');
console.log('| hashes | data | build | memory | MIH p50 | MIH p99 | MIH CPU p50 | MIH CPU p99 | linear p50 | linear p99 | results equal | load 1 min |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const sizes = sizeList ?? (quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000]);
for (const n of sizes) {
  for (const kind of ['uniform', 'clustered'] as const) {
    const hashes = new Uint32Array(n * HASH_WORDS);
    const centres = Array.from({ length: 1000 }, () => Uint32Array.from({ length: HASH_WORDS }, rand32));
    for (let i = 0; i < n; i++) {
      if (kind === 'uniform') for (let w = 0; w < HASH_WORDS; w++) hashes[i * HASH_WORDS + w] = rand32();
      else {
        hashes.set(centres[rand32() % 1000], i * HASH_WORDS);
        const flips = 40 + (rand32() % 41);
        for (let f = 0; f < flips; f++) { const b = rand32() % 256; hashes[i * HASH_WORDS + (b >>> 5)] ^= 1 << (31 - (b & 31)); }
      }
    }
    const heapBefore = process.memoryUsage().arrayBuffers;
    const cb0 = process.cpuUsage();
    const t0 = performance.now();
    const index = HammingIndex.of(hashes, n);
    const build = performance.now() - t0;
    const cb = process.cpuUsage(cb0);
    const buildCpu = (cb.user + cb.system) / 1000;
    const heapDelta = process.memoryUsage().arrayBuffers - heapBefore;
    const nq = 1000;
    const qs: Uint32Array[] = [];
    for (let i = 0; i < nq; i++) {
      const q = new Uint32Array(HASH_WORDS);
      if (i % 2 === 0) {
        const id = rand32() % n;
        q.set(hashes.subarray(id * HASH_WORDS, id * HASH_WORDS + HASH_WORDS));
        const flips = rand32() % (radius + 1);
        for (let f = 0; f < flips; f++) { const b = rand32() % 256; q[b >>> 5] ^= 1 << (31 - (b & 31)); }
      } else for (let w = 0; w < HASH_WORDS; w++) q[w] = rand32();
      qs.push(q);
    }
    const mih: number[] = [], lin: number[] = [], mihCpu: number[] = [];
    let equal = true;
    for (const q of qs) {
      const a: number[] = [], b: number[] = [];
      const c0 = process.cpuUsage();
      let s = performance.now();
      index.search(q, radius, (id) => a.push(id));
      mih.push(performance.now() - s);
      const c = process.cpuUsage(c0);
      mihCpu.push((c.user + c.system) / 1000);
      // The linear scan (and the equality check) on every 5th query at 1M: it costs ~0.2 s a query.
      if (n < 1_000_000 || qs.indexOf(q) % 5 === 0) {
        s = performance.now();
        linearSearch(hashes, n, q, radius, (id) => b.push(id));
        lin.push(performance.now() - s);
        a.sort((x, y) => x - y);
        if (a.length !== b.length || a.some((x, i) => x !== b[i])) equal = false;
      }
    }
    console.log(`| ${n.toLocaleString('en')} | ${kind} | ${build.toFixed(0)} ms (CPU ${buildCpu.toFixed(0)} ms) | ${mb(index.memoryBytes)} (arrays; +${mb(Math.max(0, heapDelta))} measured) | ${ms(pct(mih, 0.5))} | ${ms(pct(mih, 0.99))} | ${ms(pct(mihCpu, 0.5))} | ${ms(pct(mihCpu, 0.99))} | ${ms(pct(lin, 0.5))} | ${ms(pct(lin, 0.99))} | ${equal ? 'yes' : 'NO'} | ${loadavg()[0].toFixed(1)} |`);
  }
}
