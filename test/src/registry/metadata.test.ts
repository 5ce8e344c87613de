import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { crc32 } from 'node:zlib';
import { hasC2pa, readEmbeddedMetadata } from '../../../src/registry/metadata.ts';

const XMP = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/"
 xmlns:xmpRights="http://ns.adobe.com/xap/1.0/rights/" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<dc:creator><rdf:Seq><rdf:li>Ada Painter</rdf:li><rdf:li>Zoë Ink</rdf:li></rdf:Seq></dc:creator>
<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">© 2026 Ada Painter</rdf:li></rdf:Alt></dc:rights>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">Red Dragon</rdf:li></rdf:Alt></dc:title>
<photoshop:Credit>Ada Studio</photoshop:Credit>
<xmpRights:UsageTerms><rdf:Alt><rdf:li xml:lang="x-default">No reuse without a licence</rdf:li></rdf:Alt></xmpRights:UsageTerms>
<xmp:CreateDate>2026-01-02T03:04:05Z</xmp:CreateDate>
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

const base = () => sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } });

/** Inserts a JPEG marker segment right after SOI. */
function withJpegSegment(jpeg: Uint8Array, marker: number, payload: Uint8Array): Uint8Array {
  const segment = new Uint8Array(4 + payload.length);
  segment.set([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]);
  segment.set(payload, 4);
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)]);
}

/** Inserts a PNG chunk right after IHDR. */
function withPngChunk(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const chunk = Buffer.alloc(12 + data.length);
  chunk.writeUInt32BE(data.length, 0);
  chunk.write(type, 4, 'latin1');
  chunk.set(data, 8);
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length);
  return Buffer.concat([png.subarray(0, 33), chunk, png.subarray(33)]);
}

/** A JUMBF superbox labelled "c2pa", as C2PA manifest stores begin. */
function jumbf(): Uint8Array {
  const label = Buffer.from('c2pa\0', 'latin1');
  const jumd = Buffer.concat([Buffer.alloc(8), Buffer.from('6332706100110010800000aa00389b71', 'hex'), Buffer.from([3]), label]);
  jumd.writeUInt32BE(jumd.length, 0);
  jumd.write('jumd', 4, 'latin1');
  const jumb = Buffer.concat([Buffer.alloc(8), jumd]);
  jumb.writeUInt32BE(jumb.length, 0);
  jumb.write('jumb', 4, 'latin1');
  return jumb;
}

/** An IPTC-IIM record in a Photoshop APP13 resource block; text in UTF-8. */
function iptcApp13(fields: [number, string][]): Uint8Array {
  const records = Buffer.concat(
    fields.map(([tag, value]) => {
      const bytes = Buffer.from(value, 'utf8');
      return Buffer.concat([Buffer.from([0x1c, 2, tag, bytes.length >> 8, bytes.length & 0xff]), bytes]);
    }),
  );
  const resource = Buffer.concat([Buffer.from('8BIM', 'latin1'), Buffer.from([0x04, 0x04, 0, 0]), Buffer.alloc(4), records]);
  resource.writeUInt32BE(records.length, 8); // after signature, resource id and empty name
  return Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), resource, Buffer.alloc(records.length % 2)]);
}

describe('readEmbeddedMetadata', () => {
  it('reads EXIF and XMP creator and rights fields from a JPEG', async () => {
    const jpeg = await base()
      .jpeg()
      .withExif({ IFD0: { Artist: 'Ada Exif', Copyright: '(c) 2026 Ada', ImageDescription: 'exif description' }, IFD2: { DateTimeOriginal: '2025:12:24 18:30:00' } })
      .withXmp(XMP)
      .toBuffer();
    expect(await readEmbeddedMetadata(jpeg)).toEqual({
      artist: 'Ada Exif',
      copyright: '(c) 2026 Ada',
      creator: 'Ada Painter; Zoë Ink',
      rights: '© 2026 Ada Painter',
      credit: 'Ada Studio',
      title: 'Red Dragon',
      description: 'exif description',
      usageTerms: 'No reuse without a licence',
      createDate: '2025-12-24T18:30:00',
      c2pa: false,
    });
  });

  it('reads IPTC fields, including UTF-8 text', async () => {
    const jpeg = withJpegSegment(
      await base().jpeg().toBuffer(),
      0xed,
      iptcApp13([[80, 'Zoë Ink'], [116, '© Zoë'], [110, 'Studio Z'], [5, 'Night'], [120, 'A night scene'], [55, '20240229']]),
    );
    expect(await readEmbeddedMetadata(jpeg)).toEqual({
      artist: 'Zoë Ink',
      copyright: '© Zoë',
      credit: 'Studio Z',
      title: 'Night',
      description: 'A night scene',
      createDate: '2024-02-29',
      c2pa: false,
    });
  });

  it('detects C2PA manifest stores in JPEG APP11, PNG caBX and WebP C2PA chunks', async () => {
    const app11 = Buffer.concat([Buffer.from('JP', 'latin1'), Buffer.from([0, 1, 0, 0, 0, 1]), jumbf()]);
    const jpeg = withJpegSegment(await base().jpeg().toBuffer(), 0xeb, app11);
    expect(await readEmbeddedMetadata(jpeg)).toEqual({ c2pa: true });

    const png = withPngChunk(await base().png().withXmp(XMP).toBuffer(), 'caBX', jumbf());
    const fromPng = await readEmbeddedMetadata(png);
    expect(fromPng).toMatchObject({ c2pa: true, creator: 'Ada Painter; Zoë Ink', usageTerms: 'No reuse without a licence' });

    const webp = Buffer.from(await base().webp().toBuffer());
    const box = jumbf();
    const chunk = Buffer.concat([Buffer.from('C2PA', 'latin1'), Buffer.alloc(4), box, Buffer.alloc(box.length % 2)]);
    chunk.writeUInt32LE(box.length, 4);
    const riff = Buffer.concat([webp, chunk]);
    riff.writeUInt32LE(riff.length - 8, 4);
    expect(hasC2pa(riff)).toBe(true);

    // An APP11 segment that is not JUMBF, and plain files, carry no credentials.
    expect(hasC2pa(withJpegSegment(await base().jpeg().toBuffer(), 0xeb, Buffer.from('something else c2pa')))).toBe(false);
    expect(hasC2pa(await base().png().toBuffer())).toBe(false);
    expect(hasC2pa(webp)).toBe(false);
  });

  it('returns empty metadata, never an error, for plain and odd files', async () => {
    const jpeg = await base().jpeg().toBuffer();
    const png = await base().png().toBuffer();
    const odd = [
      new Uint8Array(),
      new Uint8Array([1, 2, 3]),
      new TextEncoder().encode('not an image at all'),
      jpeg.subarray(0, 20),
      Buffer.concat([png.subarray(0, 8), Buffer.from([0xff, 0xff, 0xff, 0xff]), Buffer.from('caBX')]),
      withJpegSegment(jpeg, 0xe1, Buffer.from('Exif\0\0MM\0\x2a\0\0\0\x08\xff\xff', 'latin1')),
    ];
    expect(await readEmbeddedMetadata(jpeg)).toEqual({ c2pa: false });
    for (const bytes of odd) expect(await readEmbeddedMetadata(bytes)).toEqual({ c2pa: false });
  });
});
