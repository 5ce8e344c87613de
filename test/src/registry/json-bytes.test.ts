import { describe, expect, it } from 'vitest';
import { encodeJsonDocument, JsonBytesError, parseJsonDocument } from '../../../src/registry/json-bytes.ts';

const tricky = [
  { s: 'quote " and backslash \\ and \\" both', n: -1.5e-3, t: true, z: null },
  { nested: [[1, { a: '}]{[' }], []], empty: {}, text: 'Zoë 龍 🐉' },
  '"]}', 42, false, [],
];

describe('JSON documents read and written as bytes', () => {
  it('round-trips values that look like structure inside strings', () => {
    const bytes = encodeJsonDocument({ format: 'x', version: 1 }, 'works', tricky);
    expect(JSON.parse(new TextDecoder().decode(bytes))).toEqual({ format: 'x', version: 1, works: tricky });
    expect(parseJsonDocument(bytes, 'works')).toEqual({ format: 'x', version: 1, works: tricky });
    expect(parseJsonDocument(encodeJsonDocument({}, 'works', []), 'works')).toEqual({ works: [] });
  });

  it('reads what JSON.parse reads, whitespace and byte order mark included', () => {
    const text = '\uFEFF {\n "a" : [ 1 , 2 ] ,\r\n\t"works" : [ { "b" : "c" } , 3 ] , "d": "e" }\n';
    expect(parseJsonDocument(new TextEncoder().encode(text), 'works')).toEqual({ a: [1, 2], works: [{ b: 'c' }, 3], d: 'e' });
    expect(parseJsonDocument(new TextEncoder().encode('[1, {"works": 2}]'), 'works')).toEqual([1, { works: 2 }]);
  });

  it('calls every cut-off prefix truncated, and garbage a syntax error', () => {
    const bytes = encodeJsonDocument({ format: 'x' }, 'works', tricky);
    for (let length = 1; length < bytes.length; length++) {
      let error: unknown;
      try {
        parseJsonDocument(bytes.subarray(0, length), 'works');
      } catch (caught) {
        error = caught;
      }
      expect(error, `cut at ${length}`).toBeInstanceOf(JsonBytesError);
      // A cut inside a multi-byte character may read as broken UTF-8; anything else is truncation.
      expect(['truncated', 'not-utf8'], `cut at ${length}`).toContain((error as JsonBytesError).kind);
    }
    for (const garbage of ['{"a" 1}', '{"a": 1,}', '{"works": [1 2]}', '{"a": 1} x', '{a: 1}']) {
      expect(() => parseJsonDocument(new TextEncoder().encode(garbage), 'works'), garbage).toThrow(expect.objectContaining({ kind: 'syntax' }));
    }
    expect(() => parseJsonDocument(new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]), 'works')).toThrow(expect.objectContaining({ kind: 'not-utf8' }));
  });
});
