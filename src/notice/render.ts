import type { NoticeDocument } from './templates.ts';

/** Plain text: the subject, then each section with its heading and indented lines. */
export function noticeText(doc: NoticeDocument): string {
  const blocks = [doc.subject];
  for (const section of doc.sections) {
    blocks.push(section.heading ? [section.heading, ...section.lines.map((line) => `   ${line}`)].join('\n') : section.lines.join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

const PRINT_CSS = `body{font:11pt/1.45 Georgia,"Songti SC","Noto Serif CJK SC",serif;max-width:44em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:14pt}h2{font-size:11.5pt;margin:1.4em 0 .3em}p{margin:.2em 0;overflow-wrap:anywhere}
@media print{body{margin:0;max-width:none}}`;

/**
 * A printable, self-contained HTML page. Every value is escaped, URLs stay text (never links, so a
 * `javascript:` URL from a page cannot run), and the CSP forbids scripts should anything slip through.
 */
export function noticeHtml(doc: NoticeDocument): string {
  const lang = doc.language === 'zh' ? 'zh-Hans' : 'en';
  const body = doc.sections
    .map((section) => {
      const heading = section.heading ? `<h2>${escapeHtml(section.heading)}</h2>` : '';
      const lines = section.lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('');
      return `<section data-section="${escapeHtml(section.id)}">${heading}${lines}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(doc.subject)}</title>
<style>${PRINT_CSS}</style>
</head>
<body>
<article>
<h1>${escapeHtml(doc.subject)}</h1>
${body}
</article>
</body>
</html>
`;
}

export interface EmailParty {
  name: string;
  email: string;
}

export interface EmlOptions {
  from: EmailParty;
  /** The recipient's address (a designated agent), when there is one. */
  to?: string;
  /** Send time for the Date header. */
  date: Date;
}

/** Header values must not carry line breaks: a page title with CRLF would add headers. */
function headerSafe(value: string): string {
  return value.replace(/[\r\n\t]+/g, ' ').trim();
}

function utf8Base64(value: string): string {
  const bytes = new TextEncoder().encode(value);
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** RFC 2047 encoded-word when the value is not plain printable ASCII; split so lines stay short. */
function encodeHeader(value: string): string {
  const safe = headerSafe(value);
  if (/^[\x20-\x7e]*$/.test(safe)) return safe;
  const words: string[] = [];
  let chunk = '';
  for (const char of safe) {
    if (new TextEncoder().encode(chunk + char).length > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${utf8Base64(word)}?=`).join('\r\n ');
}

function mailbox(party: EmailParty): string {
  const email = headerSafe(party.email);
  const name = headerSafe(party.name);
  if (!name) return email;
  const display = /^[\x20-\x7e]*$/.test(name) ? `"${name.replace(/["\\]/g, '\\$&')}"` : encodeHeader(name);
  return `${display} <${email}>`;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** RFC 5322 date-time in UTC. */
export function rfc5322Date(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[date.getUTCDay()]}, ${pad(date.getUTCDate())} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(
    date.getUTCMinutes(),
  )}:${pad(date.getUTCSeconds())} +0000`;
}

/**
 * An unsent email draft (.eml): RFC 5322 headers, UTF-8 plain-text body in base64 so any line length
 * and script survive transport. `X-Unsent: 1` makes mail clients open it as a draft to review.
 */
export function noticeEml(doc: NoticeDocument, options: EmlOptions): string {
  const body = utf8Base64(noticeText(doc).replace(/\r?\n/g, '\r\n'))
    .match(/.{1,76}/g)!
    .join('\r\n');
  const headers = [
    `From: ${mailbox(options.from)}`,
    ...(options.to?.trim() ? [`To: ${headerSafe(options.to)}`] : []),
    `Subject: ${encodeHeader(doc.subject)}`,
    `Date: ${rfc5322Date(options.date)}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    'X-Unsent: 1',
  ];
  return `${headers.join('\r\n')}\r\n\r\n${body}\r\n`;
}

/** A `mailto:` URL (RFC 6068). Clients cap URL length, so long notices may arrive cut: offer the .eml too. */
export function mailtoUrl(to: string | undefined, subject: string, body: string): string {
  const address = to?.trim() ? encodeURIComponent(headerSafe(to)).replace(/%40/g, '@') : '';
  const query = [`subject=${encodeURIComponent(headerSafe(subject))}`, `body=${encodeURIComponent(body.replace(/\r?\n/g, '\r\n'))}`];
  return `mailto:${address}?${query.join('&')}`;
}

export function noticeMailto(doc: NoticeDocument, to?: string): string {
  return mailtoUrl(to, doc.subject, noticeText(doc));
}
