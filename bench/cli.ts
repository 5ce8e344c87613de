/**
 * CLI throughput on 1–4 MP JPEGs: `npm run bench:cli [-- --images N --jobs J]`.
 * Makes N JPEGs (corpus images from /work/shared/corpus upscaled, or synthetic pictures when the
 * corpus is absent) in a temp dir, then times the real entry point (bin/reuse-radar.js, as
 * `npx reuse-radar` runs it), start-up included: register all, then check all against the result.
 */
import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import sharp from 'sharp';

const { values } = parseArgs({ options: { images: { type: 'string', default: '200' }, jobs: { type: 'string' } } });
const count = Number(values.images);
const CORPUS = '/work/shared/corpus';
const BIN = fileURLToPath(new URL('../bin/reuse-radar.js', import.meta.url));
/** Sizes cycled through: 1.2, 2, 3 and 4 megapixels. */
const SIZES: [number, number][] = [[1344, 896], [1728, 1152], [2112, 1408], [2448, 1632]];

function synthetic(seed: number): Buffer {
  const shapes = Array.from({ length: 8 }, (_, i) => {
    const v = (k: number) => ((seed * 7919 + i * 104729 + k * 1299709) % 1000) / 1000;
    return `<circle cx="${v(1) * 640}" cy="${v(2) * 480}" r="${20 + v(3) * 120}" fill="hsl(${v(4) * 360},70%,${30 + v(5) * 40}%)"/>`;
  }).join('');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480"><rect width="640" height="480" fill="hsl(${seed * 37 % 360},40%,60%)"/>${shapes}</svg>`);
}

const dir = await mkdtemp(join(tmpdir(), 'rr-bench-cli-'));
try {
  const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.jpg')).sort() : [];
  let megapixels = 0;
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const [width, height] = SIZES[i % SIZES.length];
    const source = corpus.length ? join(CORPUS, corpus[i % corpus.length]) : synthetic(i);
    const jpeg = await sharp(source).resize(width, height, { fit: 'fill' }).jpeg({ quality: 88 }).toBuffer();
    await writeFile(join(dir, `image-${String(i).padStart(4, '0')}.jpg`), jpeg);
    megapixels += (width * height) / 1e6;
    bytes += jpeg.length;
  }
  console.log(`${count} JPEGs from ${corpus.length ? 'the corpus, upscaled' : 'synthetic pictures'}: ${(megapixels / count).toFixed(1)} MP and ${(bytes / count / 1e6).toFixed(2)} MB on average`);

  const jobs = values.jobs ? ['--jobs', values.jobs] : [];
  // CPU seconds as well as wall time: on a shared machine wall time depends on the neighbours,
  // while images per CPU-second times the cores is what an idle machine gives.
  const time = existsSync('/usr/bin/time') ? ['/usr/bin/time', '-f', 'cpu %U %S'] : [];
  const cores = availableParallelism();
  const run = async (label: string, args: string[]) => {
    const start = performance.now();
    const command = [...time, process.execPath, BIN, ...args, ...jobs];
    const { stderr } = await promisify(execFile)(command[0], command.slice(1), { maxBuffer: 1 << 28 });
    const seconds = (performance.now() - start) / 1000;
    const cpu = /cpu ([\d.]+) ([\d.]+)/.exec(stderr);
    const cpuSeconds = cpu ? Number(cpu[1]) + Number(cpu[2]) : undefined;
    console.log(
      `${label}: ${seconds.toFixed(1)} s wall, ${(count / seconds).toFixed(1)} images/s (start-up included)` +
        (cpuSeconds ? `; ${cpuSeconds.toFixed(1)} CPU-s, ${((count / cpuSeconds) * cores).toFixed(1)} images/s on ${cores} idle cores` : ''),
    );
  };
  console.log(`load average before: ${loadavg().map((n) => n.toFixed(1)).join(' ')}`);
  const registry = join(dir, 'registry.json');
  await run('register', ['register', dir, '--out', registry]);
  await run('check --json', ['check', '--registry', registry, '--json', dir]);
} finally {
  await rm(dir, { recursive: true, force: true });
}
