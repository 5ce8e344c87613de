/**
 * Registration speed in the browser: real Chromium with the production build, N JPEGs of 1–4 MP
 * set on the options page's `input[name=add-works]`, timed until the page reports the batch done.
 *
 *   npm run bench:register -- [--count 200] [--corpus DIR] [--no-build] [--stages 20]
 *
 * --stages N also times the steps of registering N of the images, one at a time on the page's thread.
 *
 * Images come from the development corpus (../shared/corpus), upscaled to 1–4 MP, or are made up
 * when there is no corpus. They are cached under the OS temp folder between runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { DEFAULT_CORPUS, fnv, REPO_ROOT } from './lib/corpus.ts';
import { pageScript } from './lib/page-registry.ts';
import { launchBenchChromium } from './lib/chromium.ts';

const { values: args } = parseArgs({
  options: {
    count: { type: 'string', default: '200' },
    corpus: { type: 'string', default: DEFAULT_CORPUS },
    'no-build': { type: 'boolean', default: false },
    stages: { type: 'string', default: '0' },
    chromium: { type: 'string', default: process.env.CHROME_PATH ?? '/usr/bin/chromium' },
  },
});
const count = Number(args.count);

/** A size of 1–4 MP with the source's aspect ratio, different for every image. */
function sizeFor(n: number, aspect: number): { width: number; height: number } {
  const megapixels = 1 + ((fnv(`size${n}`) % 3000) / 1000);
  const height = Math.round(Math.sqrt((megapixels * 1e6) / aspect));
  return { width: Math.round(height * aspect), height };
}

async function makeImages(dir: string): Promise<string[]> {
  mkdirSync(dir, { recursive: true });
  const sources = existsSync(args.corpus) ? readdirSync(args.corpus).filter((f) => /\.(jpe?g|png|webp)$/i.test(f)).sort().map((f) => join(args.corpus, f)) : [];
  const paths: string[] = [];
  for (let n = 0; n < count; n++) {
    const path = join(dir, `work-${String(n).padStart(5, '0')}.jpg`);
    paths.push(path);
    if (existsSync(path)) continue;
    let image: ReturnType<typeof sharp>;
    if (sources.length > 0) {
      const source = sources[n % sources.length];
      const { width = 1, height = 1 } = await sharp(source).metadata();
      const size = sizeFor(n, width / height);
      // Upscaled with a slight tint per copy, so even repeats of a source are distinct works.
      image = sharp(source).resize(size.width, size.height, { fit: 'fill' }).modulate({ hue: (n * 7) % 360 });
    } else {
      const size = sizeFor(n, 4 / 3);
      const hue = (n * 47) % 360;
      const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size.width}" height="${size.height}">
        <defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="hsl(${hue},70%,60%)"/><stop offset="1" stop-color="hsl(${(hue + 90) % 360},60%,25%)"/></linearGradient></defs>
        <rect width="100%" height="100%" fill="url(#g)"/>
        <circle cx="${30 + (n % 40)}%" cy="${40 + (n % 20)}%" r="${10 + (n % 15)}%" fill="hsl(${(hue + 180) % 360},80%,70%)"/>
        <rect x="${n % 50}%" y="10%" width="20%" height="${20 + (n % 30)}%" fill="hsl(${(hue + 240) % 360},50%,40%)"/></svg>`;
      image = sharp(Buffer.from(svg));
    }
    writeFileSync(path, await image.jpeg({ quality: 88, mozjpeg: false }).toBuffer());
  }
  return paths;
}

const corpusTag = existsSync(args.corpus) ? 'corpus' : 'synthetic';
const imageDir = join(tmpdir(), 'reuse-radar-bench-register', corpusTag);
console.log(`Preparing ${count} JPEGs (1–4 MP, ${corpusTag}) in ${imageDir}…`);
const images = await makeImages(imageDir);
const totalBytes = images.reduce((sum, path) => sum + statSync(path).size, 0);
let totalPixels = 0;
for (const path of images) {
  const { width = 0, height = 0 } = await sharp(path).metadata();
  totalPixels += width * height;
}

if (!args['no-build']) {
  console.log('Building the extension (npm run build)…');
  execFileSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'ignore' });
}
const extension = resolve(REPO_ROOT, 'dist/chrome');
const profile = mkdtempSync(join(tmpdir(), 'reuse-radar-bench-profile-'));
const context = await launchBenchChromium({ executablePath: args.chromium, profile, extension });
try {
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`chrome-extension://${new URL(worker.url()).host}/options/index.html`);
  await page.waitForSelector('body[data-ready="true"]');
  // How long the page's main thread was blocked while registering: the page must stay usable.
  await page.evaluate(() => {
    const scope = globalThis as unknown as { longTasks: number[] };
    scope.longTasks = [];
    new PerformanceObserver((list) => scope.longTasks.push(...list.getEntries().map((entry) => entry.duration))).observe({ type: 'longtask' });
  });
  const started = performance.now();
  await page.setInputFiles('input[name="add-works"]', images);
  await page.waitForSelector('#register-status[data-state="done"]', { timeout: 30 * 60_000, state: 'attached' });
  const wall = (performance.now() - started) / 1000;
  const result = await page.evaluate(() => {
    const status = document.querySelector<HTMLElement>('#register-status')!;
    const longTasks = (globalThis as unknown as { longTasks: number[] }).longTasks;
    return {
      added: Number(status.dataset.added),
      failed: Number(status.dataset.failed),
      elapsed: Number(status.dataset.elapsedMs) / 1000,
      longestTask: Math.max(0, ...longTasks),
      longTasks: longTasks.length,
      mode: status.dataset.mode,
      text: status.textContent,
      failures: [...document.querySelectorAll('#register-failures li')].map((li) => li.textContent),
    };
  });
  // Every image is processed (hashed, or refused with its reason): the rate counts them all.
  if (result.added + result.failed !== count) throw new Error(`Expected ${count} images processed, the page says: ${result.text}`);
  if (result.failures.length > 0) console.log(`not registered: ${result.failures.join('; ')}`);
  const version = context.browser()?.version() ?? '';
  console.log(`Chromium ${version}, ${count} JPEGs, ${(totalPixels / count / 1e6).toFixed(2)} MP and ${(totalBytes / count / 1e6).toFixed(2)} MB on average`);
  console.log(`${result.added} registered, ${result.failed} refused, in ${result.elapsed.toFixed(1)} s (page, ${result.mode}) / ${wall.toFixed(1)} s (wall, with handing over the files)`);
  console.log(`${(count / result.elapsed).toFixed(1)} images/s, ${(totalPixels / 1e6 / result.elapsed).toFixed(0)} MP/s`);
  console.log(`main thread: ${result.longTasks} long tasks, longest ${result.longestTask.toFixed(0)} ms`);

  const stageCount = Number(args.stages);
  if (stageCount > 0) {
    await page.evaluate(await pageScript('register-stages-entry.ts'));
    await page.evaluate(() => {
      const input = Object.assign(document.createElement('input'), { type: 'file', multiple: true, id: 'bench-stages' });
      document.body.append(input);
    });
    await page.setInputFiles('#bench-stages', images.slice(0, stageCount));
    const stages = await page.evaluate(() => {
      const scope = globalThis as unknown as { reuseRadarStages(files: File[]): Promise<Record<string, number>> };
      return scope.reuseRadarStages([...document.querySelector<HTMLInputElement>('#bench-stages')!.files!]);
    });
    const sum = Object.values(stages).reduce((a, b) => a + b, 0);
    console.log(`steps per image, one at a time on one thread (${stageCount} images): ${Object.entries(stages).map(([name, ms]) => `${name} ${ms.toFixed(1)} ms`).join(', ')}; total ${sum.toFixed(0)} ms`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
