import type { CmiRecord, FoundCmi, Lang, Localized } from './types.ts';

export type CmiField = 'artist' | 'creator' | 'rights' | 'copyright' | 'credit' | 'title' | 'usageTerms' | 'c2pa' | 'visibleMark';

export interface CmiChange {
  field: CmiField;
  change: 'removed' | 'altered';
  /** Value in the registered original ('present' for C2PA credentials and visible marks without text). */
  original: string;
  /** Value on the found copy, for altered fields. */
  found?: string;
}

export interface CmiFinding {
  /** False when the found copy's metadata could not be read: nothing can be said then. */
  compared: boolean;
  /** True when any CMI of the original is missing or different on the copy. */
  removed: boolean;
  changes: CmiChange[];
}

const TEXT_FIELDS = ['artist', 'creator', 'rights', 'copyright', 'credit', 'title', 'usageTerms'] as const;

export const CMI_FIELD_LABELS: Record<CmiField, Localized> = {
  artist: { en: 'artist name', zh: '作者（Artist）' },
  creator: { en: 'creator name', zh: '作者' },
  rights: { en: 'rights statement', zh: '权利声明' },
  copyright: { en: 'copyright notice', zh: '版权声明' },
  credit: { en: 'credit line', zh: '署名信息' },
  title: { en: 'title', zh: '作品标题' },
  usageTerms: { en: 'terms of use', zh: '使用条件' },
  c2pa: { en: 'C2PA content credentials', zh: 'C2PA 内容凭证' },
  visibleMark: { en: 'visible watermark / credit', zh: '可见水印或署名' },
};

/** Platforms commonly strip embedded metadata on upload, which the UI should say next to a finding. */
export const CMI_STRIPPING_NOTE: Localized = {
  en: 'Many platforms strip embedded metadata from every upload. A missing field says what the copy lacks, not who removed it.',
  zh: '许多平台会在上传时自动去除图片的元数据。缺少某项信息只说明副本中没有该信息，并不说明是谁删除的。',
};

function normalise(value: string): string {
  return value.normalize('NFKC').replace(/©/g, '(c)').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Compares the registered work's CMI with what the found copy carries.
 * `found` is null when the copy's metadata could not be read. C2PA presence and the visible mark
 * only count when they were actually observed (a boolean, not undefined).
 */
export function detectCmiRemoval(original: CmiRecord | undefined, found: FoundCmi | null): CmiFinding {
  if (!original || !found) return { compared: false, removed: false, changes: [] };
  const changes: CmiChange[] = [];
  for (const field of TEXT_FIELDS) {
    const before = original[field]?.trim();
    if (!before) continue;
    const after = found[field]?.trim();
    if (!after) changes.push({ field, change: 'removed', original: before });
    else if (normalise(after) !== normalise(before)) changes.push({ field, change: 'altered', original: before, found: after });
  }
  if (original.c2pa && found.c2pa === false) changes.push({ field: 'c2pa', change: 'removed', original: 'present' });
  const mark = original.visibleMark?.trim();
  if (mark && found.visibleMarkPresent === false) changes.push({ field: 'visibleMark', change: 'removed', original: mark });
  return { compared: true, removed: changes.length > 0, changes };
}

function describe(change: CmiChange, lang: Lang): string {
  const label = CMI_FIELD_LABELS[change.field][lang];
  if (change.original === 'present' && change.field === 'c2pa') return label;
  return lang === 'zh' ? `${label}“${change.original}”` : `${label} "${change.original}"`;
}

/**
 * A factual sentence on what CMI the copy lacks or carries differently. It describes the copy only:
 * who removed the information, and why, is not known and is not claimed. Empty when nothing changed.
 */
export function cmiStatement(finding: CmiFinding, location: string, lang: Lang): string {
  const removed = finding.changes.filter((c) => c.change === 'removed');
  const altered = finding.changes.filter((c) => c.change === 'altered');
  const parts: string[] = [];
  if (lang === 'zh') {
    if (removed.length) {
      parts.push(`${location} 中的图片未保留本人原作品中的下列权利管理电子信息：${removed.map((c) => describe(c, lang)).join('；')}。`);
    }
    for (const c of altered) {
      parts.push(`${location} 中的图片所载${CMI_FIELD_LABELS[c.field].zh}为“${c.found}”，与原作品中的“${c.original}”不同。`);
    }
  } else {
    if (removed.length) {
      parts.push(
        `The copy at ${location} does not carry the following copyright management information that is present in my original: ${removed
          .map((c) => describe(c, lang))
          .join('; ')}.`,
      );
    }
    for (const c of altered) {
      parts.push(`The ${CMI_FIELD_LABELS[c.field].en} on the copy at ${location} reads "${c.found}" where my original has "${c.original}".`);
    }
  }
  return parts.join(' ');
}
