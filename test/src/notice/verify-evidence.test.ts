import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { verifyEvidenceCommand } from '../../../src/cli/verify-evidence.ts';
import { buildEvidencePack } from '../../../src/notice/evidence.ts';

let dir: string;
let good: string;
let tampered: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rr-evidence-'));
  const { zip } = await buildEvidencePack({
    notice: { text: 'notice', html: '<p>notice</p>' },
    foundImage: { bytes: Uint8Array.from([0xff, 0xd8, 0xff, 1]) },
    workThumbnail: { bytes: Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 2]) },
    facts: {
      pageUrl: 'https://example.com/p',
      imageUrl: 'https://example.com/i.jpg',
      foundAt: '2026-11-20T10:00:00Z',
      capturedAt: '2026-11-26T09:00:00Z',
      distances: { phash: 2 },
      engineVersion: 'test',
      work: { title: 'W' },
    },
  });
  good = join(dir, 'good.zip');
  tampered = join(dir, 'tampered.zip');
  await writeFile(good, zip);
  const files = unzipSync(zip);
  files['notice.txt'] = strToU8('changed');
  await writeFile(tampered, zipSync(files));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function capture() {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
  return {
    out,
    restore: () => {
      log.mockRestore();
      err.mockRestore();
    },
  };
}

describe('verify-evidence command', () => {
  it('prints OK and exits 0 for an untouched pack', async () => {
    const io = capture();
    const code = await verifyEvidenceCommand([good]);
    io.restore();
    expect(code).toBe(0);
    expect(io.out[0]).toMatch(/^OK: /);
  });

  it('prints what differs and exits 1 for a tampered pack', async () => {
    const io = capture();
    const code = await verifyEvidenceCommand([tampered]);
    io.restore();
    expect(code).toBe(1);
    expect(io.out.join('\n')).toContain('SHA-256 differs: notice.txt');
  });

  it('exits 1 on usage errors and unreadable files', async () => {
    const io = capture();
    expect(await verifyEvidenceCommand([])).toBe(1);
    expect(await verifyEvidenceCommand([join(dir, 'absent.zip')])).toBe(1);
    io.restore();
    expect(io.out[0]).toContain('usage');
  });

  it('prints usage for --help and exits 0', async () => {
    const io = capture();
    const code = await verifyEvidenceCommand(['--help']);
    io.restore();
    expect(code).toBe(0);
    expect(io.out[0]).toMatch(/^usage: reuse-radar verify-evidence/);
  });
});
