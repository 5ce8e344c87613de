import type { TemplateId } from './templates.ts';

/**
 * A case follows one detection: new → reviewed → (dismissed | allowed | notice drafted) → sent → resolved.
 * Dismissed, allowed and resolved cases can be reopened for review when the copy comes back.
 */
export type CaseStatus = 'new' | 'reviewed' | 'dismissed' | 'allowed' | 'drafted' | 'sent' | 'resolved';

/** A licensed use: copies on this site (and account, when given) are not to be pursued. */
export interface Allowance {
  site: string;
  account?: string;
  note?: string;
}

export type CaseOutcome = 'removed' | 'licensed' | 'refused' | 'no-response' | 'withdrawn';

/** Every event carries `at`, UTC ISO 8601. */
export type CaseEvent =
  | { type: 'review'; at: string }
  | { type: 'dismiss'; at: string; reason?: string }
  | { type: 'allow'; at: string; allowance: Allowance }
  | { type: 'draft'; at: string; templateId: TemplateId }
  | { type: 'send'; at: string; channel: string }
  | { type: 'resolve'; at: string; outcome: CaseOutcome; note?: string }
  | { type: 'reopen'; at: string };

export interface CaseDetection {
  id: string;
  workId: string;
  workTitle?: string;
  site: string;
  pageUrl: string;
  imageUrl: string;
  pageTitle: string;
  account?: string;
}

export interface Case extends CaseDetection {
  status: CaseStatus;
  createdAt: string;
  updatedAt: string;
  allowance?: Allowance;
  /** The template of the latest draft. */
  templateId?: TemplateId;
  /** Every time a notice went out, oldest first. */
  sent: { at: string; channel: string }[];
  resolution?: { at: string; outcome: CaseOutcome; note?: string };
  dismissReason?: string;
  history: { event: CaseEvent; from: CaseStatus; to: CaseStatus }[];
}

const NEXT: Record<CaseStatus, Partial<Record<CaseEvent['type'], CaseStatus>>> = {
  new: { review: 'reviewed', dismiss: 'dismissed', allow: 'allowed' },
  reviewed: { dismiss: 'dismissed', allow: 'allowed', draft: 'drafted' },
  drafted: { draft: 'drafted', send: 'sent', dismiss: 'dismissed' },
  // A follow-up or a second channel is another send.
  sent: { send: 'sent', resolve: 'resolved' },
  dismissed: { reopen: 'reviewed' },
  allowed: { reopen: 'reviewed' },
  resolved: { reopen: 'reviewed' },
};

export function newCase(detection: CaseDetection, at: string): Case {
  return { ...detection, status: 'new', createdAt: at, updatedAt: at, sent: [], history: [] };
}

export type TransitionResult = { ok: true; case: Case } | { ok: false; error: string };

/** Applies an event, returning a new case; the input is never changed. Invalid transitions are refused. */
export function transition(current: Case, event: CaseEvent): TransitionResult {
  const to = NEXT[current.status][event.type];
  if (!to) return { ok: false, error: `cannot ${event.type} a case that is ${current.status}` };
  if (!Number.isFinite(Date.parse(event.at))) return { ok: false, error: `invalid time ${JSON.stringify(event.at)}` };
  const next: Case = { ...current, status: to, updatedAt: event.at, sent: [...current.sent], history: [...current.history, { event, from: current.status, to }] };
  switch (event.type) {
    case 'allow':
      if (!event.allowance.site.trim()) return { ok: false, error: 'an allowance needs a site' };
      next.allowance = event.allowance;
      break;
    case 'dismiss':
      next.dismissReason = event.reason;
      break;
    case 'draft':
      next.templateId = event.templateId;
      break;
    case 'send':
      if (!event.channel.trim()) return { ok: false, error: 'a sent notice needs a channel' };
      next.sent.push({ at: event.at, channel: event.channel });
      break;
    case 'resolve':
      next.resolution = { at: event.at, outcome: event.outcome, ...(event.note ? { note: event.note } : {}) };
      break;
    case 'reopen':
      delete next.allowance;
      delete next.resolution;
      delete next.dismissReason;
      break;
    case 'review':
      break;
  }
  return { ok: true, case: next };
}

/** Whether an allowed case covers a copy on this site and account (site-wide allowances cover every account). */
export function isAllowedUse(cases: readonly Case[], copy: { site: string; account?: string }): boolean {
  return cases.some(
    (c) => c.status === 'allowed' && c.allowance?.site === copy.site && (!c.allowance.account || c.allowance.account === copy.account),
  );
}

/**
 * One CSV cell (RFC 4180). Text starting with = + - @ (or a tab or CR) gets a leading apostrophe so
 * spreadsheets show it instead of running it as a formula: page titles and URLs come from strangers.
 */
export function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const COLUMNS: [string, (c: Case) => string | number | undefined][] = [
  ['case_id', (c) => c.id],
  ['status', (c) => c.status],
  ['work_id', (c) => c.workId],
  ['work_title', (c) => c.workTitle],
  ['site', (c) => c.site],
  ['account', (c) => c.account],
  ['page_url', (c) => c.pageUrl],
  ['image_url', (c) => c.imageUrl],
  ['page_title', (c) => c.pageTitle],
  ['created_at', (c) => c.createdAt],
  ['updated_at', (c) => c.updatedAt],
  ['allowed_for', (c) => (c.allowance ? [c.allowance.site, c.allowance.account].filter(Boolean).join('/') : undefined)],
  ['template', (c) => c.templateId],
  ['notices_sent', (c) => c.sent.length],
  ['last_sent_at', (c) => c.sent.at(-1)?.at],
  ['last_sent_via', (c) => c.sent.at(-1)?.channel],
  ['resolved_at', (c) => c.resolution?.at],
  ['outcome', (c) => c.resolution?.outcome],
];

/** All cases as CSV: a header row, CRLF line ends. */
export function casesToCsv(cases: readonly Case[]): string {
  const rows = [COLUMNS.map(([name]) => name).join(','), ...cases.map((c) => COLUMNS.map(([, get]) => csvCell(get(c))).join(','))];
  return `${rows.join('\r\n')}\r\n`;
}
