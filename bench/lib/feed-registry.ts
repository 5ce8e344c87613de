/**
 * The registry the bench imports: the works the feed reposts, fingerprinted by the engine as the CLI
 * does, and filler works up to the wanted size. Filler fingerprints have the real shape (as many
 * views of the real length as a registered picture gets) with random bits: blockhash and the DCT hash
 * threshold at the median, so real hashes are balanced too, and 10,000 real registrations would take
 * ten minutes of this machine's two cores.
 */
import { randomBytes } from 'node:crypto';
import { decodeFile } from '../../src/node/decode.ts';
import { thumbnailJpeg } from '../../src/cli/common.ts';
import { sha256Hex } from '../../src/image.ts';
import { fingerprintWork, viewCount, VIEW_BYTES } from '../../src/match/index.ts';
import { encodeRegistry, type ExportEntry } from '../../src/registry/format.ts';
import { createWork, titleFromFileName } from '../../src/registry/work.ts';

export async function buildRegistryFile(registered: { name: string; bytes: Buffer }[], total: number): Promise<{ bytes: Uint8Array; workIds: string[] }> {
  const addedAt = '2026-11-01T00:00:00.000Z';
  const entries: ExportEntry[] = [];
  for (const { name, bytes } of registered) {
    const pixels = await decodeFile(bytes);
    const work = createWork(
      { title: titleFromFileName(name), fileName: name, digest: await sha256Hex(bytes), width: pixels.width, height: pixels.height, fingerprint: fingerprintWork(pixels) },
      addedAt,
    );
    entries.push({ work, thumbnail: { type: 'image/jpeg', bytes: await thumbnailJpeg(pixels) } });
  }
  const template = entries[0].work.fingerprint;
  const meanViews = Math.round(entries.reduce((sum, entry) => sum + viewCount(entry.work.fingerprint), 0) / entries.length);
  for (let i = entries.length; i < total; i++) {
    const fingerprint = { engine: template.engine, views: new Uint8Array(randomBytes(meanViews * VIEW_BYTES)) };
    const work = createWork(
      { title: `Filler ${i}`, fileName: `filler-${i}.jpg`, digest: randomBytes(32).toString('hex'), width: 3000, height: 2000, fingerprint },
      addedAt,
    );
    entries.push({ work });
  }
  return { bytes: encodeRegistry(entries, { exportedAt: addedAt }), workIds: entries.slice(0, registered.length).map((entry) => entry.work.id) };
}
