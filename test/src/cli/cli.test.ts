import { execFile } from 'node:child_process';
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import 'fake-indexeddb/auto';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRegistry, parseRegistryFile } from '../../../src/registry/format.ts';
import { Registry } from '../../../src/registry/store.ts';

const BIN = fileURLToPath(new URL('../../../bin/reuse-radar.js', import.meta.url));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the installed entry point, as `npx reuse-radar …` would. */
function cli(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

/** A small synthetic picture: shapes in seeded colours and places, so each seed looks different. */
function artwork(seed: number, width = 480, height = 360): Promise<Buffer> {
  let x = seed * 7919 + 17;
  const rand = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const colour = () => `rgb(${Math.floor(rand() * 255)},${Math.floor(rand() * 255)},${Math.floor(rand() * 255)})`;
  const shapes = Array.from({ length: 9 }, (_, i) =>
    i % 2
      ? `<circle cx="${rand() * width}" cy="${rand() * height}" r="${20 + rand() * 90}" fill="${colour()}"/>`
      : `<rect x="${rand() * width}" y="${rand() * height}" width="${30 + rand() * 200}" height="${30 + rand() * 150}" fill="${colour()}"/>`,
  ).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${colour()}"/><stop offset="1" stop-color="${colour()}"/></linearGradient></defs>
    <rect width="100%" height="100%" fill="url(#g)"/>${shapes}</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-cli-'));
  await mkdir(join(dir, 'works/nested'), { recursive: true });
  await mkdir(join(dir, 'found'));
  await writeFile(join(dir, 'works/dragon.png'), await artwork(1));
  await writeFile(join(dir, 'works/nested/harbour.png'), await artwork(2));
  await writeFile(
    join(dir, 'works/orchard.jpg'),
    await sharp(await artwork(3)).jpeg({ quality: 92 }).withExif({ IFD0: { Artist: 'Ada Painter', Copyright: '(c) 2026 Ada Painter' } }).toBuffer(),
  );
  await writeFile(join(dir, 'works/notes.txt'), 'not an image, and not an image extension: ignored inside directories');
  // A repost: scaled down and recompressed.
  await writeFile(join(dir, 'found/repost.jpg'), await sharp(await artwork(2)).resize(240).jpeg({ quality: 70 }).toBuffer());
  await writeFile(join(dir, 'found/unrelated.png'), await artwork(99));
  await writeFile(join(dir, 'found/broken.jpg'), (await sharp(await artwork(1)).jpeg().toBuffer()).subarray(0, 100));
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

// Each case starts real CLI processes (Node + the TypeScript loader): seconds, not milliseconds.
describe('reuse-radar CLI', { timeout: 60_000 }, () => {
  it('register writes a registry the extension imports, keeping file names and embedded CMI', async () => {
    const out = join(dir, 'registry.json');
    const run = await cli('register', join(dir, 'works'), '--out', out, '--creator', 'Ada Painter');
    expect(run.stderr).toMatch(/Registered 3 works/);
    expect(run.code).toBe(0);

    const parsed = parseRegistryFile(await readFile(out));
    const byName = new Map(parsed.works.map((entry) => [entry.work.fileName, entry]));
    expect([...byName.keys()].sort()).toEqual(['dragon.png', 'harbour.png', 'orchard.jpg']);
    expect(byName.get('harbour.png')!.work).toMatchObject({ title: 'harbour', creator: 'Ada Painter', width: 480, height: 360 });
    expect(byName.get('orchard.jpg')!.work.cmi).toMatchObject({ artist: 'Ada Painter', copyright: '(c) 2026 Ada Painter', c2pa: false });
    expect(byName.get('dragon.png')!.thumbnail?.type).toBe('image/jpeg');

    const registry = await Registry.open(`cli-${process.pid}`);
    expect(await importRegistry(registry, parsed)).toEqual({ added: 3, skipped: 0 });
    expect((await registry.getThumbnail(byName.get('dragon.png')!.work.id))?.bytes.byteLength).toBeGreaterThan(100);
  });

  it('check finds a resized copy, reports unreadable files with "error", and exits 0', async () => {
    const registryFile = join(dir, 'registry.json');
    const found = join(dir, 'found');
    const run = await cli('check', '--registry', registryFile, '--json', join(found, 'repost.jpg'), join(found, 'unrelated.png'), join(found, 'broken.jpg'), join(found, 'missing.png'));
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((line) => line.file)).toEqual(['repost.jpg', 'unrelated.png', 'broken.jpg', 'missing.png'].map((name) => join(found, name)));
    expect(lines[0].matches[0]).toMatchObject({ fileName: 'harbour.png', title: 'harbour', identical: false });
    expect(lines[0].matches[0].distance).toEqual(expect.any(Number));
    expect(lines[1]).toEqual({ file: join(found, 'unrelated.png'), matches: [] });
    expect(lines[2].error).toMatch(/decode/);
    expect(lines[3].error).toBe('no such file');
  });

  it('check without --json prints a readable table; a zipped registry works the same', async () => {
    const zip = join(dir, 'registry.zip');
    expect((await cli('register', join(dir, 'works'), '--out', zip)).code).toBe(0);
    expect(parseRegistryFile(await readFile(zip)).works.every((entry) => entry.thumbnail)).toBe(true);
    const run = await cli('check', '--registry', zip, join(dir, 'found'), join(dir, 'works/nested/harbour.png'));
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/repost\.jpg\n\s+distance .*harbour\.png\s+"harbour"/);
    expect(run.stdout).toMatch(/unrelated\.png\n\s+no match/);
    expect(run.stdout).toMatch(/broken\.jpg\n\s+error: /);
    expect(run.stdout).toMatch(/harbour\.png\n\s+identical /);
  });

  it('register keeps a picture too flat to fingerprint, with a warning', async () => {
    const flat = join(dir, 'flat.png');
    await writeFile(flat, await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080' } }).png().toBuffer());
    const out = join(dir, 'flat.json');
    const run = await cli('register', flat, '--out', out);
    expect(run).toMatchObject({ code: 0, stderr: expect.stringMatching(/flat\.png has too little detail .* never match/) });
    expect(parseRegistryFile(await readFile(out)).works[0].work.fingerprint.views).toEqual(new Uint8Array(0));
    // Found all the same when it is the very file registered.
    const [line] = (await cli('check', '--registry', out, '--json', flat)).stdout.trim().split('\n').map((text) => JSON.parse(text));
    expect(line).toMatchObject({ file: flat, matches: [{ fileName: 'flat.png', identical: true }] });
  });

  it('explains usage mistakes without a stack trace', async () => {
    const mistakes = [[], ['frobnicate'], ['register', join(dir, 'works')], ['check', '--registry', join(dir, 'works/dragon.png'), join(dir, 'found')], ['check', '--bogus']];
    const runs = await Promise.all(mistakes.map((args) => cli(...args)));
    for (const [i, run] of runs.entries()) {
      expect(run.code, mistakes[i].join(' ')).toBe(2);
      expect(run.stderr).toMatch(/usage|--help/);
      expect(run.stderr).not.toMatch(/\n\s+at /);
    }
    const unwritable = await cli('register', join(dir, 'works/dragon.png'), '--out', join(dir, 'no/such/dir/registry.json'));
    expect(unwritable).toMatchObject({ code: 1, stderr: expect.stringMatching(/Cannot write .*registry\.json/) });
    expect(unwritable.stderr).not.toMatch(/\n\s+at /);
    const help = await cli('check', '--help');
    expect(help).toMatchObject({ code: 0, stdout: expect.stringMatching(/^usage: reuse-radar check/) });
  });
});
