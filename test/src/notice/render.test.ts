import { describe, expect, it } from 'vitest';
import { escapeHtml, mailtoUrl, noticeEml, noticeHtml, noticeMailto, noticeText, rfc5322Date } from '../../../src/notice/render.ts';
import { draftNotice, TEMPLATES, type TemplateId } from '../../../src/notice/templates.ts';
import { sampleInput } from './fixtures.ts';

const HOSTILE_TITLE = '<script>alert(1)</script><img src=x onerror="alert(2)"> & \'quoted\'';

function hostileInput() {
  const input = sampleInput({ licence: { fee: '<b>1</b>', feeBasis: 'x', payment: 'y' } });
  input.copies[0] = {
    ...input.copies[0],
    pageTitle: HOSTILE_TITLE,
    pageUrl: 'https://x.com/a/status/1?q=<script>alert(3)</script>',
    account: '<svg onload=alert(4)>',
  };
  input.work = { ...input.work, title: '</title><script>alert(5)</script>' };
  return input;
}

function decodeBase64Body(eml: string): string {
  const body = eml.split('\r\n\r\n').slice(1).join('\r\n\r\n').replace(/\r\n/g, '');
  return new TextDecoder().decode(Uint8Array.from(atob(body), (c) => c.charCodeAt(0)));
}

/** Decodes RFC 2047 B-encoded words, joined across folded lines. */
function decodeHeader(value: string): string {
  const words = value.split(/\r\n /).map((word) => {
    const m = /^=\?UTF-8\?B\?([^?]*)\?=$/.exec(word);
    return m ? Uint8Array.from(atob(m[1]), (c) => c.charCodeAt(0)) : new TextEncoder().encode(word);
  });
  const bytes = new Uint8Array(words.reduce((n, w) => n + w.length, 0));
  let offset = 0;
  for (const w of words) {
    bytes.set(w, offset);
    offset += w.length;
  }
  return new TextDecoder().decode(bytes);
}

describe('noticeHtml', () => {
  it.each(Object.keys(TEMPLATES) as TemplateId[])('%s keeps page-controlled text as text', (id) => {
    const html = noticeHtml(draftNotice(id, hostileInput()));
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toMatch(/<svg/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).not.toContain('</title><script>');
    expect(html).not.toMatch(/<[^>]*\son\w+=/i);
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('Content-Security-Policy');
  });

  it('escapes every HTML metacharacter', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });

  it('has the only tags it writes itself', () => {
    const html = noticeHtml(draftNotice('us-dmca', hostileInput()));
    const tags = new Set([...html.matchAll(/<\/?([a-z0-9]+)/gi)].map((m) => m[1].toLowerCase()));
    expect([...tags].sort()).toEqual(['article', 'body', 'h1', 'h2', 'head', 'html', 'meta', 'p', 'section', 'style', 'title']);
  });

  it('marks the Chinese notice as zh-Hans', () => {
    expect(noticeHtml(draftNotice('cn-notice', sampleInput()))).toContain('<html lang="zh-Hans">');
  });
});

describe('noticeText', () => {
  it('starts with the subject and indents section lines', () => {
    const text = noticeText(draftNotice('us-dmca', sampleInput()));
    expect(text.startsWith('Notice of claimed copyright infringement under 17 U.S.C. §512(c)(3)\n')).toBe(true);
    expect(text).toContain('4. Good-faith statement\n   I have a good faith belief');
  });
});

describe('noticeEml', () => {
  const date = new Date(Date.UTC(2026, 10, 26, 9, 5, 7));

  it('writes RFC 5322 headers with CRLF, UTF-8 and the agent address', () => {
    const doc = draftNotice('us-dmca', sampleInput());
    const eml = noticeEml(doc, { from: { name: 'Ada Example', email: 'ada@example.org' }, to: 'copyright@example.com', date });
    const [head] = eml.split('\r\n\r\n');
    const headers = head.split('\r\n');
    expect(headers).toContain('From: "Ada Example" <ada@example.org>');
    expect(headers).toContain('To: copyright@example.com');
    expect(decodeHeader(head.match(/^Subject: (.*(?:\r\n .*)*)/m)![1])).toBe(doc.subject);
    expect(headers).toContain('MIME-Version: 1.0');
  });

  it('encodes non-ASCII subjects and names and round-trips the body', () => {
    const doc = draftNotice('cn-notice', sampleInput());
    const eml = noticeEml(doc, { from: { name: '艾达', email: 'ada@example.org' }, date });
    expect(eml).toMatch(/^From: =\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= <ada@example\.org>\r\n/);
    expect(eml).not.toMatch(/^To:/m);
    expect(eml).toContain('Subject: =?UTF-8?B?');
    expect(eml).toContain(`Date: ${rfc5322Date(date)}\r\n`);
    expect(eml).toContain('Content-Type: text/plain; charset=UTF-8\r\n');
    expect(eml.split('\r\n').every((line) => line.length <= 78)).toBe(true);
    expect(decodeBase64Body(eml)).toBe(noticeText(doc).replace(/\n/g, '\r\n'));
  });

  it('cannot be given extra headers through page text', () => {
    const input = sampleInput();
    input.work = { ...input.work, title: 'x\r\nBcc: victim@example.com' };
    const eml = noticeEml(draftNotice('uk-letter', input), { from: { name: 'A\r\nBcc: b@example.com', email: 'ada@example.org' }, date });
    expect(eml).not.toMatch(/^Bcc:/m);
  });

  it('formats the date as RFC 5322', () => {
    expect(rfc5322Date(date)).toBe('Thu, 26 Nov 2026 09:05:07 +0000');
  });
});

describe('mailtoUrl', () => {
  it('percent-encodes subject and body with CRLF line breaks', () => {
    const url = mailtoUrl('copyright@example.com', 'A & B?', 'line 1\nline 2 #3');
    expect(url).toBe('mailto:copyright@example.com?subject=A%20%26%20B%3F&body=line%201%0D%0Aline%202%20%233');
  });

  it('leaves the address empty when there is no agent email', () => {
    expect(noticeMailto(draftNotice('eu-dsa', sampleInput()))).toMatch(/^mailto:\?subject=/);
  });
});
