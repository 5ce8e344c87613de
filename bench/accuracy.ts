/**
 * Accuracy bench: npm run bench:accuracy [corpus-dir] [--quick] [--variants N] [--dump file.jsonl]
 *
 * Registers half of the corpus (stratified by file-name group), makes reposts of every image with
 * every family in bench/lib/transforms.ts, and reports per-family recall, the false-positive rate on
 * the unregistered half and wrong-work matches, for the engine and for plain blockhash-core
 * (256 bits over the whole image, nearest registered hash within 10 bits) side by side.
 */
import { bmvbhash } from 'blockhash-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { decodeFile } from '../src/node/decode.ts';
import { ENGINE_VERSION, fingerprintQuery, fingerprintWork, MatchIndex, type Match, type WorkFingerprint } from '../src/match/index.ts';
import { cached, DEFAULT_CORPUS, listCorpus, REPO_ROOT, sha256File, splitHalf, type CorpusImage } from './lib/corpus.ts';
import { FAMILIES, hashSeed, rng } from './lib/transforms.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string, dflt: string) => {
  const i = args.indexOf(name);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : dflt;
};
const positional = args.filter((a, i) => !a.startsWith('--') && !(i > 0 && ['--variants', '--dump', '--families', '--baseline-bits'].includes(args[i - 1])));
const corpusDir = positional[0] ?? DEFAULT_CORPUS;
const quick = flag('--quick');
const variants = Number(option('--variants', quick ? '1' : '2'));
const dumpFile = option('--dump', '');
const familyFilter = option('--families', '').split(',').filter(Boolean);
const BASELINE_BITS = Number(option('--baseline-bits', '10'));

let images: CorpusImage[];
try {
  images = listCorpus(corpusDir);
} catch (e) {
  console.error((e as Error).message);
  process.exit(2);
}
if (quick) images = images.filter((_, i) => i % 3 === 0);
const { registered, unregistered } = splitHalf(images);
const isRegistered = new Set(registered.map((r) => r.id));
const families = Object.keys(FAMILIES).filter((f) => familyFilter.length === 0 || familyFilter.includes(f));
const transformsVersion = sha256File(join(REPO_ROOT, 'bench', 'lib', 'transforms.ts')).slice(0, 16);

// --- plain blockhash-core baseline ---------------------------------------------------------------
const POP = Uint8Array.from({ length: 16 }, (_, n) => (n & 1) + ((n >> 1) & 1) + ((n >> 2) & 1) + ((n >> 3) & 1));
const hexDist = (a: string, b: string) => {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += POP[parseInt(a[i], 16) ^ parseInt(b[i], 16)];
  return d;
};
const baselineWorks: { id: string; hash: string }[] = [];
function baselineMatch(hash: string): string | null {
  let best: string | null = null, bestD = Infinity;
  for (const w of baselineWorks) {
    const d = hexDist(hash, w.hash);
    if (d < bestD) { bestD = d; best = w.id; }
  }
  return bestD <= BASELINE_BITS ? best : null;
}

// --- register ------------------------------------------------------------------------------------
const registeredWorks: { id: string; fingerprint: WorkFingerprint }[] = [];
for (const im of registered) {
  const img = await decodeFile(im.path);
  registeredWorks.push({ id: im.id, fingerprint: fingerprintWork(img) });
  baselineWorks.push({ id: im.id, hash: bmvbhash(img, 16) });
}
const index = MatchIndex.of(registeredWorks);

// --- queries -------------------------------------------------------------------------------------
interface Tally { n: number; hit: number; wrong: number; fp: number; nUnreg: number; bHit: number; bWrong: number; bFp: number }
const blank = (): Tally => ({ n: 0, hit: 0, wrong: 0, fp: 0, nUnreg: 0, bHit: 0, bWrong: 0, bFp: 0 });
const tallies = new Map<string, Tally>();
const dump: string[] = [];
const timings: number[] = [];
const cpuTimings: number[] = [];
const failures: string[] = [];
/** Unregistered image → registered works it was matched to (any family), for the FP report. */
const fpPairs = new Map<string, Map<string, number>>();
const originalMatched = new Set<string>();
const unregFamilyHits = new Map<string, number>();
const started = performance.now();

const queryFamilies = ['original', ...families];
for (const im of images) {
  const bytes = readFileSync(im.path);
  const fileSha = sha256File(im.path);
  for (const family of queryFamilies) {
    const nv = family === 'original' ? 1 : variants;
    for (let v = 0; v < nv; v++) {
      const buf = family === 'original' ? bytes : await cached(`${transformsVersion}:${fileSha}:${family}:${v}`,
        () => FAMILIES[family](bytes, rng(hashSeed(`${im.id}:${family}:${v}`))));
      const img = await decodeFile(buf);
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const q = fingerprintQuery(img);
      const matches: Match[] = index.match(q);
      timings.push(performance.now() - t0);
      const c = process.cpuUsage(c0);
      cpuTimings.push((c.user + c.system) / 1000);
      const b = baselineMatch(bmvbhash(img, 16));
      const t = tallies.get(family) ?? blank();
      tallies.set(family, t);
      if (isRegistered.has(im.id)) {
        t.n++;
        if (matches.some((m) => m.workId === im.id)) t.hit++;
        else failures.push(`${im.id} ${family}#${v}`);
        if (matches.some((m) => m.workId !== im.id)) t.wrong++;
        if (b === im.id) t.bHit++;
        else if (b) t.bWrong++;
      } else {
        t.nUnreg++;
        if (matches.length > 0) t.fp++;
        if (matches.length > 0 && family === 'original') originalMatched.add(im.id);
        if (matches.length > 0 && family !== 'original') unregFamilyHits.set(im.id, (unregFamilyHits.get(im.id) ?? 0) + 1);
        for (const m of matches) {
          const per = fpPairs.get(im.id) ?? new Map<string, number>();
          per.set(m.workId, (per.get(m.workId) ?? 0) + 1);
          fpPairs.set(im.id, per);
        }
        if (b) t.bFp++;
      }
      if (dumpFile) {
        dump.push(JSON.stringify({ id: im.id, group: im.group, family, v, registered: isRegistered.has(im.id), pairs: index.candidates(q, 80).filter((p) => p.block + p.dct < 150) }));
      }
    }
  }
}
const elapsed = (performance.now() - started) / 1000;
if (dumpFile) writeFileSync(dumpFile, dump.join('\n') + '\n');

// --- report --------------------------------------------------------------------------------------
const pct = (a: number, b: number) => (b === 0 ? '—' : `${((100 * a) / b).toFixed(1)}%`);
const rows: string[][] = [];
const total = blank();
for (const family of queryFamilies) {
  const t = tallies.get(family)!;
  for (const k of Object.keys(total) as (keyof Tally)[]) if (family !== 'original') total[k] += t[k];
  rows.push([family, String(t.n), pct(t.hit, t.n), pct(t.bHit, t.n), String(t.wrong), String(t.bWrong), `${t.fp}/${t.nUnreg}`, `${t.bFp}/${t.nUnreg}`]);
}
rows.push(['**all transformed**', String(total.n), pct(total.hit, total.n), pct(total.bHit, total.n), String(total.wrong), String(total.bWrong),
  `${total.fp}/${total.nUnreg} (${pct(total.fp, total.nUnreg)})`, `${total.bFp}/${total.nUnreg} (${pct(total.bFp, total.nUnreg)})`]);
const header = ['family', 'reposts', 'engine recall', `blockhash@${BASELINE_BITS} recall`, 'engine wrong-work', 'blockhash wrong-work', 'engine FP', 'blockhash FP'];
console.log(`\nAccuracy — engine ${ENGINE_VERSION}, corpus ${corpusDir}: ${images.length} images, ${registered.length} registered ` +
  `(${index.viewCount} views), ${unregistered.length} unregistered; ${variants} variant(s) per family per image${quick ? ' (--quick)' : ''}\n`);
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => '---').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
timings.sort((a, b) => a - b);
cpuTimings.sort((a, b) => a - b);
const q = (xs: number[], p: number) => xs[Math.floor(xs.length * p)].toFixed(2);
console.log(`\nfingerprintQuery + match per decoded image (${timings.length} queries): wall p50 ${q(timings, 0.5)} ms, p99 ${q(timings, 0.99)} ms; ` +
  `CPU p50 ${q(cpuTimings, 0.5)} ms, p99 ${q(cpuTimings, 0.99)} ms; load average ${loadavg().map((x) => x.toFixed(1)).join(' ')}; total ${elapsed.toFixed(0)} s`);
if (fpPairs.size > 0) {
  console.log('\nFalse positives by unregistered image (queries matched, incl. the original):');
  for (const [id, per] of fpPairs) console.log(`  ${id} → ${[...per].map(([w, n]) => `${w} ×${n}`).join(', ')}`);
  // An unregistered image whose untransformed original matches a registered work is a near-duplicate
  // of that work in the corpus (e.g. a repaint of the same drawing): report the rate without them too.
  const nearDup = new Set(unregistered.filter((u) => (fpPairs.get(u.id)?.size ?? 0) > 0 && originalMatched.has(u.id)).map((u) => u.id));
  let fpx = 0;
  for (const [id, fams] of unregFamilyHits) {
    if (nearDup.has(id)) continue;
    fpx += fams;
  }
  const nx = total.nUnreg - [...nearDup].length * (queryFamilies.length - 1) * variants;
  console.log(`Near-duplicates of registered works among the unregistered images (their untransformed original matches): ${[...nearDup].join(', ') || 'none'}.`);
  console.log(`Engine FP rate without them: ${fpx}/${nx} (${pct(fpx, nx)}).`);
}
if (flag('--failures')) console.log(`\nmissed: ${failures.join(', ')}`);
