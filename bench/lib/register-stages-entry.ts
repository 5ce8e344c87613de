/**
 * Runs inside the options page (bundled by bench/options-register.ts --stages, never shipped): the
 * steps of `registerImageFile`, one image at a time on one thread, timed separately.
 */
import { sha256Hex } from '../../src/image.ts';
import { fingerprintWork } from '../../src/match/index.ts';
import { readEmbeddedMetadata } from '../../src/registry/metadata.ts';
import { decodeBlob, thumbnailOf } from '../../extension/shared/pixels.ts';

async function stages(files: File[]): Promise<Record<string, number>> {
  const total: Record<string, number> = { 'read + SHA-256': 0, decode: 0, fingerprint: 0, thumbnail: 0, 'embedded CMI': 0 };
  for (const file of files) {
    let t = performance.now();
    const lap = (name: string) => {
      const now = performance.now();
      total[name] += now - t;
      t = now;
    };
    const bytes = new Uint8Array(await file.arrayBuffer());
    await sha256Hex(bytes);
    lap('read + SHA-256');
    const decoded = await decodeBlob(file);
    lap('decode');
    fingerprintWork(decoded.pixels);
    lap('fingerprint');
    await (await thumbnailOf(decoded.reduced)).arrayBuffer();
    lap('thumbnail');
    await readEmbeddedMetadata(bytes);
    lap('embedded CMI');
    decoded.bitmap.close();
  }
  return Object.fromEntries(Object.entries(total).map(([name, ms]) => [name, ms / files.length]));
}

(globalThis as unknown as { reuseRadarStages: typeof stages }).reuseRadarStages = stages;
