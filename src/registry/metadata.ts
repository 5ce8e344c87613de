import exifr, * as exifrExports from 'exifr';
import { unzlibSync } from 'fflate';
import { EMPTY_CMI, type Cmi } from './schema.ts';

type Block = Record<string, unknown>;

// exifr's ES module has `sidecar` as a named export only, its CommonJS build (Node) only on the default object.
const exifrSidecar = exifrExports.sidecar ?? exifr.sidecar;

const ascii = (bytes: Uint8Array, start: number, length: number) => String.fromCharCode(...bytes.subarray(start, start + length));
const u32 = (b: Uint8Array, i: number) => ((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0;
const u32le = (b: Uint8Array, i: number) => (b[i] | (b[i + 1] << 8) | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((b, i) => bytes[i] === b);
}

/** PNG chunks as [type, data]; stops quietly at a damaged chunk. */
function* pngChunks(bytes: Uint8Array): Generator<[string, Uint8Array]> {
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = u32(bytes, at);
    const end = at + 8 + length;
    if (end > bytes.length) return;
    yield [ascii(bytes, at + 4, 4), bytes.subarray(at + 8, end)];
    at = end + 4;
  }
}

/** JPEG marker segments before the image data, as [marker, payload]. */
function* jpegSegments(bytes: Uint8Array): Generator<[number, Uint8Array]> {
  for (let at = 2; at + 4 <= bytes.length; ) {
    if (bytes[at] !== 0xff) return;
    const marker = bytes[at + 1];
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) return; // start of scan, end of image
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    if (length < 2 || at + 2 + length > bytes.length) return;
    yield [marker, bytes.subarray(at + 4, at + 2 + length)];
    at += 2 + length;
  }
}

function includesAscii(bytes: Uint8Array, text: string): boolean {
  outer: for (let i = 0; i + text.length <= bytes.length; i++) {
    for (let j = 0; j < text.length; j++) if (bytes[i + j] !== text.charCodeAt(j)) continue outer;
    return true;
  }
  return false;
}

/**
 * Whether the file embeds a C2PA manifest store: a JUMBF superbox labelled "c2pa", carried in
 * JPEG APP11 segments ("JP" common identifier), a PNG caBX chunk, or a WebP "C2PA" chunk.
 * Presence only: verifying the signatures needs a C2PA validator.
 */
export function hasC2pa(bytes: Uint8Array): boolean {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) {
    for (const [marker, payload] of jpegSegments(bytes)) {
      if (marker === 0xeb && payload[0] === 0x4a && payload[1] === 0x50 && includesAscii(payload.subarray(0, 128), 'jumb') && includesAscii(payload, 'c2pa')) return true;
    }
    return false;
  }
  if (isPng(bytes)) {
    for (const [type] of pngChunks(bytes)) if (type === 'caBX') return true;
    return false;
  }
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') {
    for (let at = 12; at + 8 <= bytes.length; at += 8 + u32le(bytes, at + 4) + (u32le(bytes, at + 4) & 1)) {
      if (ascii(bytes, at, 4) === 'C2PA') return true;
    }
  }
  return false;
}

/** The XMP packet of a PNG (iTXt, possibly compressed, or zTXt), which exifr does not read itself. */
function pngXmp(bytes: Uint8Array): Uint8Array | undefined {
  const keyword = 'XML:com.adobe.xmp';
  for (const [type, data] of pngChunks(bytes)) {
    if ((type !== 'iTXt' && type !== 'zTXt') || ascii(data, 0, keyword.length + 1) !== `${keyword}\0`) continue;
    let at = keyword.length + 1;
    if (type === 'zTXt') return unzlibSync(data.subarray(at + 1));
    const compressed = data[at] === 1;
    at += 2;
    at = data.indexOf(0, at) + 1; // language tag
    at = data.indexOf(0, at) + 1; // translated keyword
    return compressed ? unzlibSync(data.subarray(at)) : data.subarray(at);
  }
  return undefined;
}

/** IPTC text is read as Latin-1; most writers today put UTF-8 there. */
function repairUtf8(text: string): string {
  const codes = Array.from(text, (c) => c.charCodeAt(0));
  if (!codes.some((code) => code >= 0x80) || codes.some((code) => code > 0xff)) return text;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(codes));
  } catch {
    return text;
  }
}

/** XMP language alternatives, sequences and plain values, as one string. */
function text(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) {
    const parts = value.map(text).filter((part): part is string => !!part);
    return parts.length ? parts.join('; ') : undefined;
  }
  if (typeof value === 'object') {
    const record = value as Block;
    return 'value' in record ? text(record.value) : undefined;
  }
  const result = repairUtf8(String(value)).replace(/\0+$/, '').trim();
  return result || undefined;
}

/** EXIF writes "2026:01:02 03:04:05", IPTC "20260102": both as ISO 8601. */
function isoDate(value: unknown): string | undefined {
  const raw = text(value);
  if (!raw) return undefined;
  const exif = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}:\d{2}:\d{2})/.exec(raw);
  if (exif) return `${exif[1]}-${exif[2]}-${exif[3]}T${exif[4]}`;
  const iptc = /^(\d{4})(\d{2})(\d{2})$/.exec(raw);
  if (iptc) return `${iptc[1]}-${iptc[2]}-${iptc[3]}`;
  return raw;
}

function first<T>(...values: (T | undefined)[]): T | undefined {
  return values.find((value) => value !== undefined);
}

async function exifrBlocks(bytes: Uint8Array): Promise<Record<string, Block>> {
  try {
    return (
      (await exifr.parse(bytes, {
        tiff: true,
        exif: true,
        gps: false,
        xmp: true,
        iptc: true,
        icc: false,
        jfif: false,
        ihdr: false,
        mergeOutput: false,
        // Keep dates as written: reviving them would read zone-less EXIF times in this machine's zone.
        reviveValues: false,
      })) ?? {}
    );
  } catch {
    return {};
  }
}

async function parseBlocks(bytes: Uint8Array): Promise<Record<string, Block>> {
  const blocks = await exifrBlocks(bytes);
  if (isPng(bytes) && !blocks.dc && !blocks.xmpRights && !blocks.photoshop) {
    const xmp = pngXmp(bytes);
    // Bytes, never a string: exifr reads a string as a path or URL to fetch.
    if (xmp) Object.assign(blocks, (await exifrSidecar(xmp)) ?? {});
  }
  return blocks;
}

/**
 * Creator and copyright information embedded in an image file (EXIF, IPTC, XMP) and whether it
 * carries C2PA content credentials. Never throws: an odd or damaged file gives what could be read.
 */
export async function readEmbeddedMetadata(bytes: Uint8Array): Promise<Cmi> {
  let c2pa = false;
  try {
    c2pa = hasC2pa(bytes);
  } catch {
    // Malformed containers simply carry no credentials we can see.
  }
  let blocks: Record<string, Block>;
  try {
    blocks = await parseBlocks(bytes);
  } catch {
    return { ...EMPTY_CMI, c2pa };
  }
  const { ifd0 = {}, exif = {}, iptc = {}, dc = {}, photoshop = {}, xmpRights = {}, xmp = {} } = blocks;
  const cmi: Cmi = {
    artist: first(text(ifd0.Artist), text(iptc.Byline)),
    copyright: first(text(ifd0.Copyright), text(iptc.CopyrightNotice)),
    creator: text(dc.creator),
    rights: text(dc.rights),
    credit: first(text(photoshop.Credit), text(iptc.Credit)),
    title: first(text(dc.title), text(iptc.ObjectName), text(ifd0.XPTitle)),
    description: first(text(dc.description), text(ifd0.ImageDescription), text(iptc.Caption)),
    usageTerms: text(xmpRights.UsageTerms),
    createDate: first(
      isoDate(exif.DateTimeOriginal),
      isoDate(exif.CreateDate),
      isoDate(xmp.CreateDate),
      isoDate(photoshop.DateCreated),
      isoDate(iptc.DateCreated),
    ),
    c2pa,
  };
  for (const key of Object.keys(cmi) as (keyof Cmi)[]) if (cmi[key] === undefined) delete cmi[key];
  return cmi;
}
