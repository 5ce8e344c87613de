import { authorshipStatement, type AuthorshipWarning } from './authorship.ts';
import { cmiStatement, CMI_STRIPPING_NOTE } from './cmi.ts';
import { missingFields, type FieldId } from './fields.ts';
import { siteName } from './sites.ts';
import type { Lang, Localized, NoticeCopy, NoticeInput, NoticeWork } from './types.ts';

export type TemplateId = 'us-dmca' | 'eu-dsa' | 'cn-notice' | 'uk-letter' | 'licence-request';

/** One legal element a template fulfils, and where in the draft it is carried. */
export interface LegalElement {
  id: string;
  /** Empty for good-practice parts that no statute requires (the licence request). */
  citation: string;
  label: Localized;
  /** The statute's words, where the element quotes or follows them. */
  quote?: string;
  /** Section ids of the draft that carry it. */
  sections: string[];
  /** Inputs it depends on. */
  fields: FieldId[];
}

export interface NoticeTemplate {
  id: TemplateId;
  title: Localized;
  /** Language of the notice body. */
  language: Lang;
  elements: LegalElement[];
  required: FieldId[];
  /** Shown beside "finish": what sending a wrong notice can cost. */
  finishWarnings: Localized[];
}

export interface NoticeSection {
  id: string;
  /** Empty for the letter head and closing lines. */
  heading: string;
  /** Paragraphs or list lines, plain text. */
  lines: string[];
}

export interface NoticeWarning {
  code: string;
  message: Localized;
}

export interface NoticeDocument {
  templateId: TemplateId;
  language: Lang;
  subject: string;
  sections: NoticeSection[];
  /** Elements this draft carries, including optional ones it added (CMI). */
  elements: LegalElement[];
  /** Required inputs still missing: the draft must not be sent while any are listed. */
  missing: FieldId[];
  warnings: NoticeWarning[];
}

export const NOT_LEGAL_ADVICE: Localized = {
  en: 'Reuse Radar drafts notices from the facts you enter. It is not legal advice; check the draft before you send it.',
  zh: 'Reuse Radar 根据您填写的事实起草通知。这不是法律意见；发送前请自行核对。',
};

export const SECTION_512F_WARNING: Localized = {
  en: 'Under 17 U.S.C. §512(f), anyone who knowingly materially misrepresents that material is infringing can be liable for damages, including costs and attorneys’ fees. Send this notice only if you own the work or are authorised by its owner, and after considering whether the use could be licensed or a fair use.',
  zh: '根据美国法典第 17 编第 512(f) 条，明知而对侵权事实作出重大不实陈述的人，可能须承担损害赔偿责任，包括诉讼费用和律师费。请仅在您拥有该作品或获得权利人授权，并已考虑该使用是否已获许可或属于合理使用之后再发送。',
};

const WRONGFUL_NOTICE_CN: Localized = {
  en: 'Under Article 1195 of the Chinese Civil Code, a sender whose wrongful notice causes loss to the user or the platform is liable for it. Article 14 of the Regulations makes you responsible for the truth of the notice.',
  zh: '根据《民法典》第一千一百九十五条，因错误通知造成网络用户或者网络服务提供者损害的，通知人应当承担侵权责任；《信息网络传播权保护条例》第十四条规定，权利人应当对通知书的真实性负责。',
};

const ACCURACY_WARNING: Localized = {
  en: 'You confirm that the notice is accurate and complete. A notice that misstates the facts can expose you to liability and can get your reports ignored.',
  zh: '您确认通知内容准确完整。与事实不符的通知可能使您承担法律责任，也可能导致您的投诉不被受理。',
};

const DMCA_QUOTES = {
  i: 'A physical or electronic signature of a person authorized to act on behalf of the owner of an exclusive right that is allegedly infringed.',
  ii: 'Identification of the copyrighted work claimed to have been infringed, or, if multiple copyrighted works at a single online site are covered by a single notification, a representative list of such works at that site.',
  iii: 'Identification of the material that is claimed to be infringing … and information reasonably sufficient to permit the service provider to locate the material.',
  iv: 'Information reasonably sufficient to permit the service provider to contact the complaining party, such as an address, telephone number, and, if available, an electronic mail address.',
  v: 'A statement that the complaining party has a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.',
  vi: 'A statement that the information in the notification is accurate, and under penalty of perjury, that the complaining party is authorized to act on behalf of the owner of an exclusive right that is allegedly infringed.',
};

/** The statements the law asks for, in its words; channels reuse them for form checkboxes. */
export const STATEMENTS = {
  dmcaGoodFaith:
    'I have a good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law.',
  dmcaAccuracy:
    'I state that the information in the notification is accurate, and under penalty of perjury, that I am authorized to act on behalf of the owner of an exclusive right that is allegedly infringed.',
  dsaBonaFide:
    'I confirm my bona fide belief that the information and allegations contained in this notice are accurate and complete.',
  cnTruth: '本人保证本通知书所述内容真实、准确，并对通知书的真实性负责。',
} as const;

const DSA_QUOTES = {
  a: 'a sufficiently substantiated explanation of the reasons why the individual or entity alleges the information in question to be illegal content',
  b: 'a clear indication of the exact electronic location of that information, such as the exact URL or URLs, and, where necessary, additional information enabling the identification of the illegal content',
  c: 'the name and email address of the individual or entity submitting the notice',
  d: 'a statement confirming the bona fide belief of the individual or entity submitting the notice that the information and allegations contained therein are accurate and complete',
};

const DMCA = '17 U.S.C. §512(c)(3)(A)';
const DSA = 'Regulation (EU) 2022/2065 (Digital Services Act), Art. 16(2)';
const CN14 = '《信息网络传播权保护条例》第十四条';
const CN1195 = '《民法典》第一千一百九十五条';
const PAC = 'Practice Direction – Pre-Action Conduct and Protocols';

const CMI_ELEMENTS: Partial<Record<TemplateId, LegalElement>> = {
  'us-dmca': {
    id: 'us-1202',
    citation: '17 U.S.C. §1202(b), (c)',
    label: { en: 'Copyright management information missing from the copy (a statement of fact)', zh: '副本缺少的版权管理信息（事实陈述）' },
    sections: ['cmi'],
    fields: [],
  },
  'eu-dsa': {
    id: 'eu-rmi',
    citation: 'Directive 2001/29/EC, Art. 7',
    label: { en: 'Rights-management information missing from the copy (a statement of fact)', zh: '副本缺少的权利管理信息（事实陈述）' },
    sections: ['explanation'],
    fields: [],
  },
  'cn-notice': {
    id: 'cn-14-rmi',
    citation: CN14,
    label: { en: 'Rights-management information removed or altered', zh: '权利管理电子信息被删除、改变' },
    quote: '被删除、改变了自己的权利管理电子信息',
    sections: ['rmi'],
    fields: [],
  },
  'uk-letter': {
    id: 'uk-rmi',
    citation: 'Copyright, Designs and Patents Act 1988, s.296ZG',
    label: { en: 'Rights-management information missing from the copy (a statement of fact)', zh: '副本缺少的权利管理信息（事实陈述）' },
    sections: ['evidence'],
    fields: [],
  },
};

const LICENCE_MONEY_ELEMENT: LegalElement = {
  id: 'uk-pac-6a-money',
  citation: `${PAC}, para 6(a)`,
  label: { en: 'How the money sum is calculated', zh: '金额的计算方法' },
  sections: ['demand'],
  fields: ['licence.fee', 'licence.feeBasis'],
};

export const TEMPLATES: Record<TemplateId, NoticeTemplate> = {
  'us-dmca': {
    id: 'us-dmca',
    title: { en: 'US DMCA takedown notice', zh: '美国 DMCA 删除通知' },
    language: 'en',
    required: ['claimant.name', 'claimant.address', 'claimant.email', 'claimant.signature', 'work.identification', 'copy.url'],
    finishWarnings: [SECTION_512F_WARNING, NOT_LEGAL_ADVICE],
    elements: [
      { id: 'dmca-i', citation: `${DMCA}(i)`, label: { en: 'Signature of a person authorised to act for the owner', zh: '有权代表权利人的人的签名' }, quote: DMCA_QUOTES.i, sections: ['signature'], fields: ['claimant.signature'] },
      { id: 'dmca-ii', citation: `${DMCA}(ii)`, label: { en: 'Identification of the copyrighted work', zh: '被侵权作品的说明' }, quote: DMCA_QUOTES.ii, sections: ['work'], fields: ['work.identification'] },
      { id: 'dmca-iii', citation: `${DMCA}(iii)`, label: { en: 'Identification and location of the infringing material', zh: '侵权内容及其位置' }, quote: DMCA_QUOTES.iii, sections: ['material'], fields: ['copy.url'] },
      { id: 'dmca-iv', citation: `${DMCA}(iv)`, label: { en: 'Contact information of the complaining party', zh: '投诉人的联系方式' }, quote: DMCA_QUOTES.iv, sections: ['contact'], fields: ['claimant.name', 'claimant.address', 'claimant.email'] },
      { id: 'dmca-v', citation: `${DMCA}(v)`, label: { en: 'Good-faith statement', zh: '善意声明' }, quote: DMCA_QUOTES.v, sections: ['good-faith'], fields: [] },
      { id: 'dmca-vi', citation: `${DMCA}(vi)`, label: { en: 'Accuracy statement, and authority under penalty of perjury', zh: '准确性声明及伪证罪责下的授权声明' }, quote: DMCA_QUOTES.vi, sections: ['accuracy'], fields: [] },
    ],
  },
  'eu-dsa': {
    id: 'eu-dsa',
    title: { en: 'EU Digital Services Act notice (Art. 16)', zh: '欧盟《数字服务法》第 16 条通知' },
    language: 'en',
    required: ['claimant.name', 'claimant.email', 'work.identification', 'copy.url'],
    finishWarnings: [ACCURACY_WARNING, NOT_LEGAL_ADVICE],
    elements: [
      { id: 'dsa-a', citation: `${DSA}(a)`, label: { en: 'Substantiated explanation of why the content is illegal', zh: '内容违法理由的充分说明' }, quote: DSA_QUOTES.a, sections: ['explanation'], fields: ['work.identification'] },
      { id: 'dsa-b', citation: `${DSA}(b)`, label: { en: 'Exact URLs of the content', zh: '内容的确切网址' }, quote: DSA_QUOTES.b, sections: ['location'], fields: ['copy.url'] },
      { id: 'dsa-c', citation: `${DSA}(c)`, label: { en: 'Name and email address of the submitter', zh: '提交人的姓名和电子邮箱' }, quote: DSA_QUOTES.c, sections: ['submitter'], fields: ['claimant.name', 'claimant.email'] },
      { id: 'dsa-d', citation: `${DSA}(d)`, label: { en: 'Bona fide statement of accuracy and completeness', zh: '关于准确完整的善意声明' }, quote: DSA_QUOTES.d, sections: ['statement'], fields: [] },
    ],
  },
  'cn-notice': {
    id: 'cn-notice',
    title: { en: 'China: infringement notice (Regulations Art. 14, Civil Code Art. 1195)', zh: '侵权通知书（《信息网络传播权保护条例》第十四条、《民法典》第一千一百九十五条）' },
    language: 'zh',
    required: ['claimant.name', 'claimant.address', 'claimant.contact', 'claimant.signature', 'work.identification', 'work.proof', 'copy.url'],
    finishWarnings: [WRONGFUL_NOTICE_CN, NOT_LEGAL_ADVICE],
    elements: [
      { id: 'cn-14-1', citation: `${CN14}（一）`, label: { en: 'Name, contact details and address of the rights holder', zh: '权利人的姓名（名称）、联系方式和地址' }, quote: '权利人的姓名（名称）、联系方式和地址', sections: ['claimant'], fields: ['claimant.name', 'claimant.contact', 'claimant.address'] },
      { id: 'cn-14-2', citation: `${CN14}（二）`, label: { en: 'Title and network address of the infringing material', zh: '侵权作品的名称和网络地址' }, quote: '要求删除或者断开链接的侵权作品、表演、录音录像制品的名称和网络地址', sections: ['material'], fields: ['copy.url'] },
      { id: 'cn-14-3', citation: `${CN14}（三）`, label: { en: 'Preliminary evidence of infringement', zh: '构成侵权的初步证明材料' }, quote: '构成侵权的初步证明材料', sections: ['proof'], fields: ['work.identification', 'work.proof'] },
      { id: 'cn-14-truth', citation: CN14, label: { en: 'Responsibility for the truth of the notice', zh: '对通知书的真实性负责' }, quote: '权利人应当对通知书的真实性负责', sections: ['statement', 'signature'], fields: ['claimant.signature'] },
      { id: 'cn-1195', citation: CN1195, label: { en: 'Preliminary evidence, true identity, and the measures requested', zh: '初步证据、真实身份信息及要求采取的必要措施' }, quote: '删除、屏蔽、断开链接等必要措施；通知应当包括构成侵权的初步证据及权利人的真实身份信息', sections: ['request', 'claimant', 'proof'], fields: ['claimant.name'] },
    ],
  },
  'uk-letter': {
    id: 'uk-letter',
    title: { en: 'UK letter before claim (cease and desist)', zh: '英国诉前函（停止侵权函）' },
    language: 'en',
    required: ['claimant.name', 'claimant.address', 'claimant.email', 'claimant.signature', 'work.identification', 'copy.url'],
    finishWarnings: [ACCURACY_WARNING, NOT_LEGAL_ADVICE],
    elements: [
      { id: 'uk-pac-6a-basis', citation: `${PAC}, para 6(a); CDPA 1988 ss.16, 17, 20`, label: { en: 'The basis of the claim: who owns the work and how', zh: '主张的依据：作品归谁所有及其原因' }, sections: ['ownership'], fields: ['work.identification'] },
      { id: 'uk-pac-6a-facts', citation: `${PAC}, para 6(a)`, label: { en: 'Summary of the facts: what was copied, and where', zh: '事实摘要：复制了什么、在哪里' }, sections: ['infringement'], fields: ['copy.url'] },
      { id: 'uk-evidence', citation: `${PAC}, para 6(c)`, label: { en: 'The evidence', zh: '证据' }, sections: ['evidence'], fields: [] },
      { id: 'uk-pac-6a-wants', citation: `${PAC}, para 6(a)`, label: { en: 'What the claimant wants', zh: '权利人的要求' }, sections: ['demand'], fields: [] },
      { id: 'uk-deadline', citation: `${PAC}, para 6(b)`, label: { en: 'Deadline for a reply (14 days by default)', zh: '答复期限（默认 14 天）' }, sections: ['deadline'], fields: [] },
      { id: 'uk-sender', citation: '', label: { en: 'Who is writing, and how to reply', zh: '发函人及答复方式' }, sections: ['contact', 'signature'], fields: ['claimant.name', 'claimant.address', 'claimant.email', 'claimant.signature'] },
    ],
  },
  'licence-request': {
    id: 'licence-request',
    title: { en: 'Retroactive licence offer', zh: '追溯许可提议' },
    language: 'en',
    required: ['claimant.name', 'claimant.email', 'work.identification', 'copy.url', 'licence.fee', 'licence.feeBasis', 'licence.payment'],
    finishWarnings: [NOT_LEGAL_ADVICE],
    elements: [
      { id: 'lic-work', citation: '', label: { en: 'The work', zh: '作品' }, sections: ['work'], fields: ['work.identification'] },
      { id: 'lic-use', citation: '', label: { en: 'Where it is used', zh: '使用位置' }, sections: ['use'], fields: ['copy.url'] },
      { id: 'lic-fee', citation: '', label: { en: 'The fee and how it was set', zh: '费用及其计算依据' }, sections: ['offer'], fields: ['licence.fee', 'licence.feeBasis'] },
      { id: 'lic-pay', citation: '', label: { en: 'How to pay, or show an existing licence', zh: '付款方式或出示已有许可' }, sections: ['offer', 'existing'], fields: ['licence.payment'] },
      { id: 'lic-deadline', citation: '', label: { en: 'A reasonable deadline', zh: '合理期限' }, sections: ['deadline'], fields: [] },
    ],
  },
};

export const DEFAULT_DEADLINE_DAYS: Record<'uk-letter' | 'licence-request', number> = { 'uk-letter': 14, 'licence-request': 30 };

/** YYYY-MM-DD plus a number of days, in UTC. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

function blank(value: string | undefined, placeholder: string, lang: Lang = 'en'): string {
  return value?.trim() || (lang === 'zh' ? `【请填写：${placeholder}】` : `[${placeholder}]`);
}

function recipientOf(input: NoticeInput): string {
  return input.recipient?.trim() || siteName(input.copies[0]?.site ?? '');
}

/** Letters and licence offers go to whoever posted the copy, not to the platform. */
function posterOf(input: NoticeInput): string {
  return input.recipient?.trim() || input.copies.find((c) => c.account?.trim())?.account?.trim() || '';
}

function copyLocation(copy: NoticeCopy): string {
  return copy.pageUrl.trim() || copy.imageUrl.trim();
}

function copyLines(copy: NoticeCopy, index: number, total: number): string[] {
  const lines = [
    `${total > 1 ? `Copy ${index + 1}: ` : ''}Page: ${blank(copy.pageUrl, 'URL of the post')}${copy.pageTitle.trim() ? ` ("${copy.pageTitle.trim()}")` : ''}`,
  ];
  if (copy.imageUrl.trim()) lines.push(`Image file: ${copy.imageUrl.trim()}`);
  if (copy.account?.trim()) lines.push(`Posted by: ${copy.account.trim()}`);
  lines.push(`Seen there: ${copy.foundAt}`);
  return lines;
}

function copyLinesZh(copy: NoticeCopy, index: number, total: number): string[] {
  const lines = [
    `${total > 1 ? `${index + 1}. ` : ''}网络地址：${blank(copy.pageUrl, '帖子网址', 'zh')}`,
    `名称：${copy.pageTitle.trim() ? `页面“${copy.pageTitle.trim()}”中的图片` : '该页面中的图片'}`,
  ];
  if (copy.imageUrl.trim()) lines.push(`图片地址：${copy.imageUrl.trim()}`);
  if (copy.account?.trim()) lines.push(`发布账号：${copy.account.trim()}`);
  lines.push(`发现时间（UTC）：${copy.foundAt}`);
  return lines;
}

/** What identifies the work, one fact per line, only from what is recorded. */
function workLines(work: NoticeWork, input: NoticeInput): string[] {
  const owner = input.onBehalfOf?.trim();
  const title = work.title.trim();
  const lines = [
    `${owner ? `The original image` : 'My original image'}${title ? ` "${title}"` : ''}${work.creator?.trim() ? ` by ${work.creator.trim()}` : ''}${
      work.createdAt ? `, created ${work.createdAt}` : ''
    }${owner ? `, owned by ${owner}` : ''}.`,
  ];
  const published = (work.publicationUrls ?? []).filter((url) => url.trim());
  if (published.length) lines.push(`Published by the owner at: ${published.join(', ')}`);
  if (work.fileName.trim() || work.digest) lines.push(`Original file: ${work.fileName.trim() || '(unnamed)'}${work.digest ? ` (SHA-256 ${work.digest})` : ''}`);
  if (work.licence?.trim()) lines.push(`The owner publishes it under: ${work.licence.trim()}`);
  return lines;
}

function workLinesZh(work: NoticeWork, input: NoticeInput): string[] {
  const title = work.title.trim();
  const lines = [
    `作品名称：${title ? `《${title}》` : '（未命名图片）'}${work.creator?.trim() ? `，作者：${work.creator.trim()}` : ''}${work.createdAt ? `，创作完成日期：${work.createdAt}` : ''}${
      input.onBehalfOf?.trim() ? `，权利人：${input.onBehalfOf.trim()}` : ''
    }。`,
  ];
  const published = (work.publicationUrls ?? []).filter((url) => url.trim());
  if (published.length) lines.push(`首次发表地址：${published.join('，')}`);
  if (work.fileName.trim() || work.digest) lines.push(`原始文件：${work.fileName.trim() || '（未命名）'}${work.digest ? `（SHA-256：${work.digest}）` : ''}`);
  return lines;
}

function matchLine(copies: NoticeCopy[], lang: Lang): string | undefined {
  const distances = copies.map((c) => c.distance).filter((d): d is number => typeof d === 'number');
  if (!distances.length) return undefined;
  const worst = Math.max(...distances);
  return lang === 'zh'
    ? `经 Reuse Radar 比对，侵权图片与原作品的感知哈希距离为 ${worst}（数值越小越相似）。`
    : `Reuse Radar matched the copy to my registered original by perceptual hash (distance ${worst}; lower is closer).`;
}

function evidenceLines(input: NoticeInput, lang: Lang): string[] {
  return (input.evidence ?? []).map((f) => (lang === 'zh' ? `${f.name}（SHA-256：${f.sha256}）` : `${f.name} (SHA-256 ${f.sha256})`));
}

function cmiLines(input: NoticeInput, lang: Lang): string[] {
  if (!input.cmi?.removed) return [];
  return input.copies.map((copy) => cmiStatement(input.cmi!, copyLocation(copy), lang)).filter(Boolean);
}

function contactLines(input: NoticeInput): string[] {
  const { claimant } = input;
  return [
    blank(claimant.name, 'your full name') + (input.onBehalfOf?.trim() ? `, acting on behalf of ${input.onBehalfOf.trim()}` : ''),
    blank(claimant.address, 'your postal address'),
    ...(claimant.phone.trim() ? [`Telephone: ${claimant.phone.trim()}`] : []),
    `Email: ${blank(claimant.email, 'your email address')}`,
  ];
}

function signatureLine(input: NoticeInput): string {
  return `/${blank(input.claimant.signature, 'your electronic signature')}/  ${input.date}`;
}

function section(id: string, heading: string, lines: (string | undefined)[]): NoticeSection {
  return { id, heading, lines: lines.filter((line): line is string => Boolean(line)) };
}

function dmcaSections(input: NoticeInput, authorship: string): NoticeSection[] {
  const cmi = cmiLines(input, 'en');
  return [
    section('header', '', [`Date: ${input.date}`, `To: the designated copyright agent${recipientOf(input) ? ` of ${recipientOf(input)}` : ''}`]),
    section('work', '1. Copyrighted work claimed to be infringed', [...workLines(input.work, input), authorship]),
    section('material', '2. Material claimed to be infringing, and where to find it', [
      'The following material copies that work. Please remove it or disable access to it.',
      ...input.copies.flatMap((copy, i) => copyLines(copy, i, input.copies.length)),
      matchLine(input.copies, 'en'),
    ]),
    ...(cmi.length
      ? [section('cmi', 'Copyright management information (17 U.S.C. §1202)', [...cmi, 'I reserve all rights in this respect, including under 17 U.S.C. §1202.'])]
      : []),
    section('contact', '3. Contact information of the complaining party', contactLines(input)),
    section('good-faith', '4. Good-faith statement', [STATEMENTS.dmcaGoodFaith]),
    section('accuracy', '5. Accuracy statement and authority', [STATEMENTS.dmcaAccuracy]),
    section('signature', '6. Signature', [signatureLine(input)]),
  ];
}

function dsaSections(input: NoticeInput, authorship: string): NoticeSection[] {
  const owner = input.onBehalfOf?.trim();
  const title = input.work.title.trim();
  return [
    section('header', '', [`Date: ${input.date}`, `To: ${recipientOf(input) || '[the hosting service]'}`]),
    section('explanation', '(a) Why this content is illegal', [
      `The content at the location below reproduces ${owner ? `the image${title ? ` "${title}"` : ''}, in which ${owner} holds the copyright; I act on ${owner}’s behalf` : `my image${title ? ` "${title}"` : ''}, in which I hold the copyright`}. It has been made available on your service without authorisation, which infringes the exclusive rights of reproduction and of communication to the public (Directive 2001/29/EC, Articles 2 and 3, as implemented in national law).`,
      ...workLines(input.work, input),
      authorship,
      matchLine(input.copies, 'en'),
      ...cmiLines(input, 'en'),
    ]),
    section('location', '(b) Exact location of the content', input.copies.flatMap((copy, i) => copyLines(copy, i, input.copies.length))),
    section('submitter', '(c) Name and email address of the submitter', [
      blank(input.claimant.name, 'your full name') + (owner ? `, acting on behalf of ${owner}` : ''),
      `Email: ${blank(input.claimant.email, 'your email address')}`,
    ]),
    section('statement', '(d) Statement', [STATEMENTS.dsaBonaFide]),
    section('signature', '', [`${blank(input.claimant.signature || input.claimant.name, 'your name')}, ${input.date}`]),
  ];
}

function cnSections(input: NoticeInput, authorship: string): NoticeSection[] {
  const { claimant } = input;
  const rmi = cmiLines(input, 'zh');
  const evidence = evidenceLines(input, 'zh');
  const proof = [
    ...workLinesZh(input.work, input),
    authorship && `创作过程说明：${authorship}`,
    matchLine(input.copies, 'zh'),
    ...(evidence.length ? ['随附证据材料：', ...evidence] : []),
  ];
  return [
    section('header', '', [`致：${recipientOf(input) || '【请填写：网络服务提供者】'}`, `日期：${input.date}`]),
    section('request', '', [
      `依据《信息网络传播权保护条例》第十四条及《中华人民共和国民法典》第一千一百九十五条，${input.onBehalfOf?.trim() ? '通知人受权利人委托' : '本人作为权利人'}就下列侵权内容发出通知，请贵方及时采取删除、屏蔽、断开链接等必要措施。`,
    ]),
    section('claimant', '一、权利人的姓名（名称）、联系方式和地址', [
      ...(input.onBehalfOf?.trim()
        ? [`权利人：${input.onBehalfOf.trim()}`, `通知人（受权利人委托）：${blank(claimant.name, '姓名', 'zh')}`]
        : [`姓名（名称）：${blank(claimant.name, '姓名', 'zh')}`]),
      `地址：${blank(claimant.address, '地址', 'zh')}`,
      ...(claimant.phone.trim() ? [`电话：${claimant.phone.trim()}`] : []),
      `电子邮箱：${blank(claimant.email, '电子邮箱', 'zh')}`,
    ]),
    section('material', '二、要求删除或者断开链接的侵权作品的名称和网络地址', input.copies.flatMap((copy, i) => copyLinesZh(copy, i, input.copies.length))),
    section('proof', '三、构成侵权的初步证明材料', proof),
    ...(rmi.length ? [section('rmi', '四、权利管理电子信息', [...rmi, '本人保留就删除、改变权利管理电子信息的行为依法主张权利的权利。'])] : []),
    section('statement', `${rmi.length ? '五' : '四'}、声明`, [
      '本人确认上述侵权内容的使用未经权利人许可，也不属于法律允许的情形。',
      '本人确认上述身份信息真实。',
      STATEMENTS.cnTruth,
    ]),
    section('signature', '', [`签名：${blank(claimant.signature, '签名', 'zh')}`, `日期：${input.date}`]),
  ];
}

function ukSections(input: NoticeInput, authorship: string): NoticeSection[] {
  const owner = input.onBehalfOf?.trim();
  const title = input.work.title.trim();
  const days = input.deadlineDays ?? DEFAULT_DEADLINE_DAYS['uk-letter'];
  const evidence = evidenceLines(input, 'en');
  const cmi = cmiLines(input, 'en');
  const published = input.work.publicationUrls?.filter((u) => u.trim()) ?? [];
  const { licence } = input;
  return [
    section('header', '', [`Date: ${input.date}`, `To: ${posterOf(input) || '[the person or company using the image]'}`, 'LETTER BEFORE CLAIM']),
    section('ownership', 'Who owns the work', [
      owner
        ? `I write on behalf of ${owner}, who owns the copyright in the image${title ? ` "${title}"` : ''}.`
        : `I am the author of the image${title ? ` "${title}"` : ''} and I own the copyright in it.`,
      ...workLines(input.work, input),
      authorship,
    ]),
    section('infringement', 'What was copied, and where', [
      'The image has been copied and made available to the public, without a licence, at:',
      ...input.copies.flatMap((copy, i) => copyLines(copy, i, input.copies.length)),
      'Copying a work and communicating it to the public are acts restricted by copyright (Copyright, Designs and Patents Act 1988, ss.16, 17 and 20); doing them without the owner’s licence infringes copyright.',
    ]),
    section('evidence', 'The evidence', [
      published.length ? `The owner publishes the image at ${published.join(', ')}.` : undefined,
      matchLine(input.copies, 'en'),
      ...cmi,
      ...(evidence.length ? ['Copies of the following are available on request (SHA-256 hashes let you check they are unaltered):', ...evidence] : []),
    ]),
    section('demand', 'What I ask', [
      '1. Remove the image from the pages listed above, and from anywhere else you have published it.',
      '2. Confirm in writing that you have done so and that you will not use the image again without a licence.',
      licence?.fee.trim()
        ? `Alternatively, if you wish to keep using the image, I am willing to grant a licence for a fee of ${licence.fee.trim()}, calculated as follows: ${blank(licence.feeBasis, 'how the fee was set')}.`
        : undefined,
    ]),
    section('deadline', 'By when', [
      `Please reply by ${addDays(input.date, days)} (${days} days from the date of this letter).`,
      'If the matter is not resolved by then, I may start court proceedings without further notice. The court can take into account whether the parties followed the Practice Direction on Pre-Action Conduct and Protocols, including whether you replied to this letter. You may wish to seek independent legal advice.',
    ]),
    section('contact', 'How to reply', contactLines(input)),
    section('signature', '', ['Yours faithfully,', signatureLine(input)]),
  ];
}

function licenceSections(input: NoticeInput): NoticeSection[] {
  const { claimant, licence } = input;
  const title = input.work.title.trim();
  const days = input.deadlineDays ?? DEFAULT_DEADLINE_DAYS['licence-request'];
  const published = input.work.publicationUrls?.filter((u) => u.trim()) ?? [];
  return [
    section('header', '', [`Date: ${input.date}`, posterOf(input) ? `Dear ${posterOf(input)},` : 'Hello,']),
    section('work', '', [
      `I am ${blank(claimant.name, 'your full name')}${input.onBehalfOf?.trim() ? `, writing on behalf of ${input.onBehalfOf.trim()}, who owns` : ', the creator of'} the image${title ? ` "${title}"` : ''}${
        published.length ? `, published at ${published.join(', ')}` : ''
      }.`,
    ]),
    section('use', '', [
      'I noticed that the image is used here:',
      ...input.copies.map((copy) => copyLocation(copy) || '[URL of the page]'),
    ]),
    section('existing', '', [
      'If you already have a licence for this use, for example from a stock agency or from me, please let me know where it came from and I will update my records. Nothing more is needed in that case.',
    ]),
    section('offer', '', [
      `If not, I would be glad to license this use retroactively. The fee is ${blank(licence?.fee, 'fee')}, based on ${blank(licence?.feeBasis, 'how the fee was set')}.`,
      `You can pay by: ${blank(licence?.payment, 'how to pay')}.`,
    ]),
    section('deadline', '', [
      `Could you let me know by ${addDays(input.date, days)} which you prefer? If you would rather take the image down instead, just tell me and that will be fine.`,
    ]),
    section('signature', '', ['Kind regards,', blank(claimant.name, 'your full name'), blank(claimant.email, 'your email address')]),
  ];
}

const SUBJECTS: Record<TemplateId, (input: NoticeInput) => string> = {
  'us-dmca': () => 'Notice of claimed copyright infringement under 17 U.S.C. §512(c)(3)',
  'eu-dsa': () => 'Notice of illegal content under Article 16 of the Digital Services Act (copyright infringement)',
  'cn-notice': () => '侵权通知书',
  'uk-letter': (input) => `Letter before claim: copyright infringement${input.work.title.trim() ? ` of "${input.work.title.trim()}"` : ''}`,
  'licence-request': (input) => `Licence for your use of my image${input.work.title.trim() ? ` "${input.work.title.trim()}"` : ''}`,
};

/** Drafts a notice from the facts; `missing` lists what the law needs and the facts lack. */
export function draftNotice(id: TemplateId, input: NoticeInput): NoticeDocument {
  const template = TEMPLATES[id];
  const lang = template.language;
  const statement = authorshipStatement(input.work.authorship, lang);
  const sections =
    id === 'us-dmca'
      ? dmcaSections(input, statement.text)
      : id === 'eu-dsa'
        ? dsaSections(input, statement.text)
        : id === 'cn-notice'
          ? cnSections(input, statement.text)
          : id === 'uk-letter'
            ? ukSections(input, statement.text)
            : licenceSections(input);
  const elements = [...template.elements];
  const cmiElement = CMI_ELEMENTS[id];
  if (cmiElement && input.cmi?.removed) elements.push(cmiElement);
  if (id === 'uk-letter' && input.licence?.fee.trim()) elements.push(LICENCE_MONEY_ELEMENT);
  const warnings: NoticeWarning[] = statement.warnings.map((w: AuthorshipWarning) => ({ code: w.code, message: w.message }));
  if (input.cmi?.removed && id !== 'licence-request') warnings.push({ code: 'cmi-stripping', message: CMI_STRIPPING_NOTE });
  return {
    templateId: id,
    language: lang,
    subject: SUBJECTS[id](input),
    sections,
    elements,
    missing: missingFields(input, id === 'uk-letter' && input.licence?.fee.trim() ? [...template.required, 'licence.feeBasis'] : template.required),
    warnings,
  };
}
