import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../../src/image.ts';
import { buildEvidencePack, describeEvidenceProblem, verifyEvidencePack, type EvidencePackInput } from '../../../src/notice/evidence.ts';
import { noticeHtml, noticeText } from '../../../src/notice/render.ts';
import { draftNotice } from '../../../src/notice/templates.ts';
import { sampleInput } from './fixtures.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 9, 8, 7, 6, 5]);
const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\u2028';

function packInput(overrides: Partial<EvidencePackInput> = {}): EvidencePackInput {
  const notice = sampleInput();
  notice.copies[0] = { ...notice.copies[0], pageTitle: HOSTILE };
  const doc = draftNotice('us-dmca', notice);
  return {
    notice: { text: noticeText(doc), html: noticeHtml(doc) },
    foundImage: { bytes: JPEG, contentType: 'image/png' },
    workThumbnail: { bytes: PNG.buffer.slice(0), contentType: 'image/png' },
    screenshot: PNG,
    facts: {
      pageUrl: notice.copies[0].pageUrl,
      imageUrl: notice.copies[0].imageUrl,
      pageTitle: HOSTILE,
      site: 'x',
      foundAt: '2026-11-20T10:00:00Z',
      capturedAt: '2026-11-26T09:00:00Z',
      distances: { phash: 4, dhash: 6 },
      engineVersion: '0.1.0',
      work: { id: 'w-abababababababab', title: 'Harbour at Dawn', fileName: 'harbour.png', digest: 'ab'.repeat(32) },
    },
    ...overrides,
  };
}

function rezip(files: Record<string, Uint8Array>): Uint8Array {
  return zipSync(Object.fromEntries(Object.entries(files).map(([name, bytes]) => [name, bytes])));
}

describe('buildEvidencePack', () => {
  it('packs every file with its SHA-256 in evidence.json, named by the bytes, not the server', async () => {
    const { zip, manifest, sha256 } = await buildEvidencePack(packInput());
    const files = unzipSync(zip);
    expect(Object.keys(files).sort()).toEqual(
      ['evidence.json', 'found-image.jpg', 'notice.html', 'notice.txt', 'page-screenshot.png', 'registered-work-thumbnail.png'].sort(),
    );
    expect(manifest.files.map((f) => f.name)).not.toContain('evidence.json');
    for (const file of manifest.files) expect(await sha256Hex(files[file.name])).toBe(file.sha256);
    expect(manifest.files.find((f) => f.name === 'found-image.jpg')!.mediaType).toBe('image/jpeg');
    expect(files['found-image.jpg']).toEqual(JPEG);
    expect(sha256).toBe(await sha256Hex(zip));
  });

  it('keeps page-controlled text inert in notice.html and exact in evidence.json', async () => {
    const files = unzipSync((await buildEvidencePack(packInput())).zip);
    const html = strFromU8(files['notice.html']);
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const json = JSON.parse(strFromU8(files['evidence.json']));
    expect(json.facts.pageTitle).toBe(HOSTILE);
    expect(json.facts.distances).toEqual({ phash: 4, dhash: 6 });
    expect(json.format).toBe('reuse-radar-evidence/1');
  });

  it('omits the screenshot when there is none and falls back to .bin for unknown bytes', async () => {
    const { manifest } = await buildEvidencePack(packInput({ screenshot: undefined, foundImage: { bytes: strToU8('hello'), contentType: 'image/heic' } }));
    expect(manifest.files.map((f) => f.name)).toEqual(['notice.txt', 'notice.html', 'found-image.bin', 'registered-work-thumbnail.png']);
    expect(manifest.files[2].mediaType).toBe('image/heic');
  });

  it('is reproducible for the same input', async () => {
    const a = await buildEvidencePack(packInput());
    const b = await buildEvidencePack(packInput());
    expect(a.sha256).toBe(b.sha256);
  });
});

describe('verifyEvidencePack', () => {
  it('accepts an untouched pack', async () => {
    const { zip } = await buildEvidencePack(packInput());
    const result = await verifyEvidencePack(zip);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.manifest?.facts.engineVersion).toBe('0.1.0');
  });

  it('detects a changed, a missing and an extra file', async () => {
    const files = unzipSync((await buildEvidencePack(packInput())).zip);
    files['notice.txt'] = strToU8(strFromU8(files['notice.txt']).replace('Harbour at Dawn', 'Harbour at Dusk!'));
    delete files['page-screenshot.png'];
    files['added.txt'] = strToU8('x');
    const result = await verifyEvidencePack(rezip(files));
    expect(result.ok).toBe(false);
    const kinds = result.problems.map((p) => `${p.kind}:${'file' in p ? p.file : ''}`).sort();
    expect(kinds).toEqual(['extra:added.txt', 'hash:notice.txt', 'missing:page-screenshot.png', 'size:notice.txt']);
    expect(result.problems.map(describeEvidenceProblem).join('\n')).toContain('SHA-256 differs: notice.txt');
  });

  it('detects a same-size change to an image', async () => {
    const files = unzipSync((await buildEvidencePack(packInput())).zip);
    const found = files['found-image.jpg'].slice();
    found[found.length - 1] ^= 1;
    files['found-image.jpg'] = found;
    const result = await verifyEvidencePack(rezip(files));
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'hash', file: 'found-image.jpg' })]);
  });

  it('catches an edited manifest hash', async () => {
    const files = unzipSync((await buildEvidencePack(packInput())).zip);
    const manifest = JSON.parse(strFromU8(files['evidence.json']));
    manifest.files[0].sha256 = '0'.repeat(64);
    files['evidence.json'] = strToU8(JSON.stringify(manifest));
    const result = await verifyEvidencePack(rezip(files));
    expect(result.problems).toEqual([expect.objectContaining({ kind: 'hash', file: 'notice.txt' })]);
  });

  it('reports bytes that are not a zip, and a zip without a usable manifest', async () => {
    expect((await verifyEvidencePack(strToU8('not a zip'))).problems[0].kind).toBe('unreadable');
    expect((await verifyEvidencePack(rezip({ 'a.txt': strToU8('a') }))).problems).toEqual([{ kind: 'bad-manifest', detail: 'evidence.json is missing' }]);
    expect((await verifyEvidencePack(rezip({ 'evidence.json': strToU8('{') }))).problems[0].kind).toBe('bad-manifest');
    expect((await verifyEvidencePack(rezip({ 'evidence.json': strToU8('{"format":"other","files":[]}') }))).ok).toBe(false);
  });
});
