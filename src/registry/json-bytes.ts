/**
 * JSON documents too large for one JavaScript string. A registry of 100,000 works carries
 * hundreds of megabytes of fingerprints, past V8's string limit (about 512 MB), so the export is
 * written and read one work at a time, straight from and to UTF-8 bytes. The bytes are plain
 * JSON: any JSON tool reads them.
 */

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** `{...head, [key]: items}` as UTF-8, without ever holding the whole document as a string. */
export function encodeJsonDocument(head: Record<string, unknown>, key: string, items: readonly unknown[]): Uint8Array {
  const opening = JSON.stringify(head);
  const parts = [encoder.encode(`${opening.slice(0, -1)}${opening.length > 2 ? ',' : ''}${JSON.stringify(key)}:[`)];
  items.forEach((item, i) => parts.push(encoder.encode(`${i ? ',' : ''}${JSON.stringify(item)}`)));
  parts.push(encoder.encode(']}'));
  const out = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Why bytes are not a JSON document: cut off before its end, not UTF-8 text, or not JSON. */
export class JsonBytesError extends Error {
  constructor(
    readonly kind: 'truncated' | 'not-utf8' | 'syntax',
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09;
}

class Scanner {
  at = 0;
  constructor(readonly bytes: Uint8Array) {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) this.at = 3;
  }

  end(): never {
    throw new JsonBytesError('truncated', 'Unexpected end of JSON input');
  }

  skipSpace(): number {
    while (this.at < this.bytes.length && isSpace(this.bytes[this.at])) this.at++;
    if (this.at >= this.bytes.length) this.end();
    return this.bytes[this.at];
  }

  expect(char: string): void {
    if (this.skipSpace() !== char.charCodeAt(0)) throw new JsonBytesError('syntax', `expected "${char}" at byte ${this.at}`);
    this.at++;
  }

  /** Moves past the string starting at `at` (on its opening quote). */
  skipString(): void {
    let from = this.at + 1;
    for (;;) {
      const quote = this.bytes.indexOf(QUOTE, from);
      if (quote < 0) this.end();
      let slashes = 0;
      while (this.bytes[quote - 1 - slashes] === BACKSLASH) slashes++;
      from = quote + 1;
      if (slashes % 2 === 0) break;
    }
    this.at = from;
  }

  /** Moves past one value of any kind and returns where it started. */
  skipValue(): number {
    const start = this.at;
    const first = this.skipSpace();
    if (first === QUOTE) {
      this.skipString();
      return start;
    }
    if (first !== 0x7b && first !== 0x5b) {
      while (this.at < this.bytes.length && !isSpace(this.bytes[this.at]) && ![0x2c, 0x7d, 0x5d].includes(this.bytes[this.at])) this.at++;
      if (this.at >= this.bytes.length) this.end();
      return start;
    }
    let depth = 0;
    do {
      if (this.at >= this.bytes.length) this.end();
      const byte = this.bytes[this.at];
      if (byte === QUOTE) {
        this.skipString();
        continue;
      }
      if (byte === 0x7b || byte === 0x5b) depth++;
      else if (byte === 0x7d || byte === 0x5d) depth--;
      this.at++;
    } while (depth > 0);
    return start;
  }

  parse(start: number): unknown {
    let text: string;
    try {
      text = decoder.decode(this.bytes.subarray(start, this.at));
    } catch {
      throw new JsonBytesError('not-utf8', `text is not UTF-8 near byte ${start}`);
    }
    try {
      return JSON.parse(text);
    } catch (error) {
      throw new JsonBytesError('syntax', (error as Error).message);
    }
  }
}

/**
 * Parses a JSON document whose top level is an object, reading the array under `key` element by
 * element. Anything else (a top-level array, a bare value) is parsed whole, as JSON.parse would.
 */
export function parseJsonDocument(bytes: Uint8Array, key: string): unknown {
  const scanner = new Scanner(bytes);
  if (scanner.skipSpace() !== 0x7b) {
    const start = scanner.at;
    scanner.at = bytes.length;
    return scanner.parse(start);
  }
  scanner.at++;
  const result: Record<string, unknown> = {};
  if (scanner.skipSpace() === 0x7d) {
    scanner.at++;
  } else {
    for (;;) {
      if (scanner.skipSpace() !== QUOTE) throw new JsonBytesError('syntax', `expected a property name at byte ${scanner.at}`);
      const name = scanner.parse(scanner.skipValue()) as string;
      scanner.expect(':');
      if (name === key && scanner.skipSpace() === 0x5b) {
        scanner.at++;
        const items: unknown[] = [];
        if (scanner.skipSpace() === 0x5d) scanner.at++;
        else {
          for (;;) {
            items.push(scanner.parse(scanner.skipValue()));
            const next = scanner.skipSpace();
            scanner.at++;
            if (next === 0x5d) break;
            if (next !== 0x2c) throw new JsonBytesError('syntax', `expected "," or "]" at byte ${scanner.at - 1}`);
          }
        }
        result[name] = items;
      } else {
        result[name] = scanner.parse(scanner.skipValue());
      }
      const next = scanner.skipSpace();
      scanner.at++;
      if (next === 0x7d) break;
      if (next !== 0x2c) throw new JsonBytesError('syntax', `expected "," or "}" at byte ${scanner.at - 1}`);
    }
  }
  while (scanner.at < bytes.length && isSpace(bytes[scanner.at])) scanner.at++;
  if (scanner.at < bytes.length) throw new JsonBytesError('syntax', `unexpected data after the end of the document, at byte ${scanner.at}`);
  return result;
}
