import type { Localized, NoticeInput } from './types.ts';

/** Inputs a template can require; the UI blocks "finish" while any required one is missing. */
export type FieldId =
  | 'claimant.name'
  | 'claimant.address'
  | 'claimant.email'
  | 'claimant.contact'
  | 'claimant.signature'
  | 'work.identification'
  | 'work.proof'
  | 'copy.url'
  | 'licence.fee'
  | 'licence.feeBasis'
  | 'licence.payment';

export const FIELD_LABELS: Record<FieldId, Localized> = {
  'claimant.name': { en: 'Your full name', zh: '您的姓名（名称）' },
  'claimant.address': { en: 'Your postal address', zh: '您的地址' },
  'claimant.email': { en: 'Your email address', zh: '您的电子邮箱' },
  'claimant.contact': { en: 'Your email address or telephone number', zh: '您的联系方式（电子邮箱或电话）' },
  'claimant.signature': { en: 'Your electronic signature', zh: '您的签名' },
  'work.identification': { en: 'Title of your work, or where you published it', zh: '作品名称或发表地址' },
  'work.proof': {
    en: 'Proof of your rights: where you published the work, or evidence files',
    zh: '权属证明：作品发表地址或证据文件',
  },
  'copy.url': { en: 'Web address (URL) of each copy', zh: '每个侵权内容的网络地址' },
  'licence.fee': { en: 'Licence fee, with currency', zh: '许可费用（含币种）' },
  'licence.feeBasis': { en: 'How the fee was set', zh: '费用的计算依据' },
  'licence.payment': { en: 'How to pay', zh: '付款方式' },
};

const EMAIL = /^[^\s@<>()[\]",;:\\]+@[^\s@<>()[\]",;:\\]+\.[^\s@<>()[\]",;:\\]+$/;

export function isEmail(value: string): boolean {
  return EMAIL.test(value.trim());
}

export function isWebUrl(value: string): boolean {
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

function present(input: NoticeInput, field: FieldId): boolean {
  const { claimant, work, copies, licence } = input;
  const filled = (value: string | undefined) => Boolean(value?.trim());
  switch (field) {
    case 'claimant.name':
      return filled(claimant.name);
    case 'claimant.address':
      return filled(claimant.address);
    case 'claimant.email':
      return isEmail(claimant.email);
    case 'claimant.contact':
      return isEmail(claimant.email) || filled(claimant.phone);
    case 'claimant.signature':
      return filled(claimant.signature);
    case 'work.identification':
      return filled(work.title) || (work.publicationUrls ?? []).some(isWebUrl);
    case 'work.proof':
      return (
        (work.publicationUrls ?? []).some(isWebUrl) ||
        (input.evidence ?? []).length > 0 ||
        (work.authorship?.evidence ?? []).length > 0
      );
    case 'copy.url':
      return copies.length > 0 && copies.every((copy) => isWebUrl(copy.pageUrl) || isWebUrl(copy.imageUrl));
    case 'licence.fee':
      return filled(licence?.fee);
    case 'licence.feeBasis':
      return filled(licence?.feeBasis);
    case 'licence.payment':
      return filled(licence?.payment);
  }
}

/** The required fields that are empty or unusable (an email that is not one, a URL that is not http(s)). */
export function missingFields(input: NoticeInput, required: readonly FieldId[]): FieldId[] {
  return required.filter((field) => !present(input, field));
}
