/**
 * `bench:feed --calibrate`: an extension whose only work on the feed is a known amount of JavaScript, to
 * check that the page-wide rows read a known cost right (docs/benchmarks.md, "The measure calibrated on
 * a known cost"). Its content script spins for BURN_MS every INTERVAL_MS and does nothing else: no DOM,
 * no messages, no verdicts.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const BURN_MS = 0.5;
const INTERVAL_MS = 250;

/** Writes the unpacked extension into `directory` and returns its path. */
export async function writeCalibrationExtension(directory: string, host: string): Promise<string> {
  const path = join(directory, 'calibration-extension');
  await mkdir(path, { recursive: true });
  const manifest = {
    manifest_version: 3,
    name: 'Reuse Radar bench calibration',
    version: '1',
    content_scripts: [{ matches: [`https://${host}/*`], js: ['content.js'], run_at: 'document_start' }],
  };
  // The result is kept so the loop is not optimised away.
  const content = `setInterval(() => {
  const end = performance.now() + ${BURN_MS};
  let x = 0;
  while (performance.now() < end) x += Math.sqrt(x + 1);
  globalThis.calibrationSink = x;
}, ${INTERVAL_MS});
`;
  await writeFile(join(path, 'manifest.json'), JSON.stringify(manifest, null, 2));
  await writeFile(join(path, 'content.js'), content);
  return path;
}

export const CALIBRATION_LOAD = `${BURN_MS} ms of JavaScript every ${INTERVAL_MS} ms`;
