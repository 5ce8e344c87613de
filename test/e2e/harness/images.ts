import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';

export const FIXTURES_DIR = resolve(import.meta.dirname, '../../fixtures/e2e');

/** The fixture images the tests register as the creator's works (see PROVENANCE.md). */
export const WORKS = {
  cat: resolve(FIXTURES_DIR, 'tabby-cat.jpg'),
  astronaut: resolve(FIXTURES_DIR, 'astronaut.jpg'),
  drake: resolve(FIXTURES_DIR, 'drake-blademaster.jpg'),
} as const;
export type WorkName = keyof typeof WORKS;

/** How a fixture image is altered before a site serves it. */
export type Recipe =
  /** What reposts do: downscale and recompress. */
  | { kind: 'repost'; file: string; scale?: number; quality?: number }
  /** A square crop from the centre, as platforms make avatars. */
  | { kind: 'avatar'; file: string; size?: number }
  | { kind: 'original'; file: string };

/** Derives served images on demand, once each: sharp is slow enough to matter on 2 cores. */
export class ImageStore {
  #cache = new Map<string, Promise<Buffer>>();

  get(recipe: Recipe): Promise<Buffer> {
    const key = JSON.stringify(recipe);
    let image = this.#cache.get(key);
    if (!image) {
      image = derive(recipe);
      this.#cache.set(key, image);
    }
    return image;
  }
}

async function derive(recipe: Recipe): Promise<Buffer> {
  const source = await readFile(resolve(FIXTURES_DIR, recipe.file));
  if (recipe.kind === 'original') return source;
  if (recipe.kind === 'avatar') {
    const size = recipe.size ?? 48;
    return sharp(source).resize(size, size, { fit: 'cover' }).jpeg({ quality: 80 }).toBuffer();
  }
  const { width = 0 } = await sharp(source).metadata();
  return sharp(source)
    .resize({ width: Math.round(width * (recipe.scale ?? 0.8)) })
    .jpeg({ quality: recipe.quality ?? 70 })
    .toBuffer();
}
