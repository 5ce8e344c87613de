import type { Claimant } from '../registry/schema.ts';

/** What a notice says about the registered work and the copy found. */
export interface NoticeFacts {
  claimant: Claimant;
  work: { title: string; fileName: string };
  copy: { imageUrl: string; pageUrl: string; pageTitle: string; site: string; foundAt: string };
  /** UTC date the notice is drafted, YYYY-MM-DD. */
  date: string;
}

export type ClaimantField = keyof Claimant;

export interface DraftNotice {
  text: string;
  /** Required claimant fields still empty: a notice with any of these must not be sent. */
  missing: ClaimantField[];
}

const REQUIRED: ClaimantField[] = ['name', 'address', 'email', 'signature'];

/** A takedown notice carrying the six elements of 17 U.S.C. §512(c)(3)(A)(i)–(vi). */
export function draftDmcaNotice({ claimant, work, copy, date }: NoticeFacts): DraftNotice {
  const missing = REQUIRED.filter((field) => claimant[field].trim() === '');
  const blank = (value: string, label: string) => value.trim() || `[${label}]`;
  const contact = [
    blank(claimant.name, 'your full name'),
    blank(claimant.address, 'your postal address'),
    claimant.phone.trim() && `Telephone: ${claimant.phone.trim()}`,
    `Email: ${blank(claimant.email, 'your email address')}`,
  ].filter(Boolean);
  const text = [
    `Date: ${date}`,
    '',
    `To the designated copyright agent of ${copy.site}:`,
    '',
    'Notice of claimed copyright infringement under 17 U.S.C. §512(c)(3)',
    '',
    '1. Copyrighted work claimed to be infringed',
    `   My original image "${work.title}" (file ${work.fileName}).`,
    '',
    '2. Material claimed to be infringing, and where to find it',
    `   An unauthorised copy of that image appears on the page ${copy.pageUrl}` +
      (copy.pageTitle ? ` ("${copy.pageTitle}")` : '') +
      `, served from ${copy.imageUrl}. It was found there on ${copy.foundAt}. Please remove or disable access to it.`,
    '',
    '3. Contact information of the complaining party',
    ...contact.map((line) => `   ${line}`),
    '',
    '4. Good-faith statement',
    '   I have a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.',
    '',
    '5. Accuracy statement and authority',
    '   The information in this notification is accurate, and under penalty of perjury, I am authorized to act on behalf of the owner of an exclusive right that is allegedly infringed.',
    '',
    '6. Signature',
    `   /${blank(claimant.signature, 'your electronic signature')}/`,
    '',
  ].join('\n');
  return { text, missing };
}
