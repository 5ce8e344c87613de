import type { CmiFinding } from '../../src/notice/cmi.ts';
import { missingFields } from '../../src/notice/fields.ts';
import { DEFAULT_DEADLINE_DAYS, TEMPLATES, type LegalElement, type NoticeDocument, type TemplateId } from '../../src/notice/templates.ts';
import type { LicenceOffer, NoticeClaimant, NoticeInput } from '../../src/notice/types.ts';
import type { Detection, Work } from '../../src/registry/schema.ts';

/** What the editor's form holds: every value the creator may change before finishing. */
export interface EditorValues {
  template: TemplateId;
  claimant: NoticeClaimant;
  onBehalfOf: string;
  recipient: string;
  work: { title: string; creator: string; publicationUrls: string };
  copy: { pageUrl: string; imageUrl: string; account: string };
  licence: LicenceOffer;
  deadlineDays: string;
  /** Whether to add the CMI paragraph (§1202, Art. 14) when the copy lacks the original's CMI. */
  includeCmi: boolean;
}

/** What the editor knows but the creator does not edit. */
export interface EditorContext {
  detection: Detection;
  work: Work | undefined;
  /** Undefined until the found copy's metadata was read and compared. */
  cmi: CmiFinding | undefined;
  /** UTC, YYYY-MM-DD. */
  date: string;
}

export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function usesLicence(template: TemplateId): boolean {
  return template === 'licence-request' || template === 'uk-letter';
}

export function usesDeadline(template: TemplateId): template is keyof typeof DEFAULT_DEADLINE_DAYS {
  return template === 'licence-request' || template === 'uk-letter';
}

/** Every template but the licence offer can carry a paragraph on missing CMI. */
export function offersCmi(template: TemplateId): boolean {
  return template !== 'licence-request';
}

/** The form prefilled from the claimant settings, the registered work and the detection. */
export function initialValues(template: TemplateId, claimant: NoticeClaimant, detection: Detection, work: Work | undefined): EditorValues {
  return {
    template,
    claimant: { ...claimant },
    onBehalfOf: '',
    recipient: '',
    work: { title: work?.title ?? '', creator: work?.creator ?? '', publicationUrls: (work?.publicationUrls ?? []).join('\n') },
    copy: { pageUrl: detection.pageUrl, imageUrl: detection.imageUrl, account: '' },
    licence: { fee: '', feeBasis: '', payment: '' },
    deadlineDays: '',
    includeCmi: true,
  };
}

function lines(value: string): string[] {
  return value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
}

export function noticeInput(values: EditorValues, { detection, work, cmi, date }: EditorContext): NoticeInput {
  const days = Number.parseInt(values.deadlineDays, 10);
  return {
    claimant: values.claimant,
    onBehalfOf: values.onBehalfOf,
    recipient: values.recipient,
    work: {
      title: values.work.title,
      fileName: work?.fileName ?? '',
      digest: work?.digest,
      creator: values.work.creator,
      createdAt: work?.createdAt,
      publicationUrls: lines(values.work.publicationUrls),
      licence: work?.licence,
      authorship: work?.authorship,
      cmi: work?.cmi,
    },
    copies: [
      {
        pageUrl: values.copy.pageUrl,
        imageUrl: values.copy.imageUrl,
        pageTitle: detection.pageTitle,
        site: detection.site,
        foundAt: detection.firstSeen,
        account: values.copy.account,
        distance: detection.distance,
      },
    ],
    date,
    ...(cmi && values.includeCmi && offersCmi(values.template) ? { cmi } : {}),
    ...(usesDeadline(values.template) && days > 0 ? { deadlineDays: days } : {}),
    ...(usesLicence(values.template) ? { licence: values.licence } : {}),
  };
}

export interface ChecklistItem {
  element: LegalElement;
  /** Every input the element depends on is filled. */
  done: boolean;
}

/** The legal elements the draft carries, each ticked once the inputs it depends on are there. */
export function checklist(doc: NoticeDocument, input: NoticeInput): ChecklistItem[] {
  return doc.elements.map((element) => ({ element, done: missingFields(input, element.fields).length === 0 }));
}
