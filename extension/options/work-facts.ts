import type { Authorship, Cmi } from '../../src/registry/schema.ts';

/** CMI fields in the order the detail view shows them, with their label keys. */
export const CMI_FIELDS = [
  ['artist', 'cmiArtist'],
  ['creator', 'cmiCreator'],
  ['copyright', 'cmiCopyright'],
  ['rights', 'cmiRights'],
  ['credit', 'cmiCredit'],
  ['title', 'cmiTitle'],
  ['description', 'cmiDescription'],
  ['usageTerms', 'cmiUsageTerms'],
  ['createDate', 'cmiCreateDate'],
] as const satisfies ReadonlyArray<readonly [keyof Cmi, string]>;

/** Whether the file carried any copyright management information when it was registered. */
export function hasCmi(cmi: Cmi): boolean {
  return cmi.c2pa || CMI_FIELDS.some(([field]) => Boolean(cmi[field]));
}

/** Whether the creator has written down anything about how the work was made. */
export function hasAuthorshipRecord(a: Authorship): boolean {
  return (
    a.tools.length > 0 ||
    a.prompts.length > 0 ||
    a.seeds.length > 0 ||
    Object.keys(a.parameters).length > 0 ||
    a.candidates !== null ||
    a.chosen.trim() !== '' ||
    a.edits.length > 0 ||
    a.evidence.length > 0 ||
    a.notes.trim() !== ''
  );
}

/** 1234567 → "1.2 MB", for file sizes shown to the creator. */
export function formatBytes(bytes: number, locale?: string): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${units[unit]}`;
}
