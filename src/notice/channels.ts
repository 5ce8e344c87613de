import { isEmail } from './fields.ts';
import { noticeText } from './render.ts';
import { isSiteId, SITE_NAMES, type SiteId } from './sites.ts';
import { draftNotice, STATEMENTS, type TemplateId } from './templates.ts';
import type { Lang, Localized, NoticeInput } from './types.ts';

/** What a platform's copyright form asks for; each maps to a value from the notice facts. */
export type ChannelFieldId =
  | 'relationship'
  | 'ownerName'
  | 'name'
  | 'email'
  | 'phone'
  | 'address'
  | 'workDescription'
  | 'originalUrls'
  | 'infringingUrls'
  | 'signature'
  | 'goodFaith'
  | 'accuracy'
  | 'proofOfOwnership'
  | 'priorContact'
  | 'idDocument'
  | 'powerOfAttorney'
  | 'notice';

export interface ChannelRoute {
  /** form: a web form; page: a help page that links the form; in-app: only inside the app. */
  kind: 'form' | 'page' | 'in-app' | 'none';
  url?: string;
  /** Designated agent email, where one is published and was checked. */
  email?: string;
  /** Designated agent postal address, where published. */
  postal?: string;
}

export interface Channel {
  site: SiteId;
  name: string;
  route: ChannelRoute;
  /** EU Digital Services Act route, when the platform publishes a separate one. */
  dsa?: ChannelRoute;
  /** The template that suits the route. */
  template: TemplateId;
  fields: ChannelFieldId[];
  notes: Localized;
  /** True only when the route was confirmed against the sources listed. */
  verified: boolean;
  sources: string[];
}

const DMCA_FIELDS: ChannelFieldId[] = [
  'relationship',
  'ownerName',
  'name',
  'address',
  'phone',
  'email',
  'workDescription',
  'originalUrls',
  'infringingUrls',
  'goodFaith',
  'accuracy',
  'signature',
];
const CN_FIELDS: ChannelFieldId[] = ['name', 'phone', 'email', 'address', 'idDocument', 'proofOfOwnership', 'powerOfAttorney', 'infringingUrls', 'notice'];

const SHARED_WITH_UPLOADER: Localized = {
  en: 'Meta usually gives the uploader the rights owner’s name, your email and the report. Consider a business email.',
  zh: 'Meta 通常会把权利人名称、您的电子邮箱和投诉内容提供给上传者。建议使用工作邮箱。',
};

export const CHANNELS: Record<SiteId, Channel> = {
  x: {
    site: 'x',
    name: SITE_NAMES.x,
    route: { kind: 'form', url: 'https://help.x.com/en/forms/ipi/dmca' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: {
      en: 'Give post URLs (x.com/…/status/…), not profile URLs. X forwards the complaint, with your name and contact details, to the poster.',
      zh: '请填写帖子网址（x.com/…/status/…），不要填写主页网址。X 会把投诉连同您的姓名和联系方式转给发布者。',
    },
    verified: false,
    sources: ['legal.md lists help.x.com/forms/dmca; third-party guides (2026) give help.x.com/en/forms/ipi/dmca'],
  },
  instagram: {
    site: 'instagram',
    name: SITE_NAMES.instagram,
    route: { kind: 'form', url: 'https://help.instagram.com/contact/552695131608132' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: SHARED_WITH_UPLOADER,
    verified: true,
    sources: ['https://help.instagram.com/454951664593304', 'https://help.instagram.com/126382350847838'],
  },
  facebook: {
    site: 'facebook',
    name: SITE_NAMES.facebook,
    route: { kind: 'form', url: 'https://www.facebook.com/help/contact/1758255661104383' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: SHARED_WITH_UPLOADER,
    verified: false,
    sources: ['legal.md'],
  },
  threads: {
    site: 'threads',
    name: SITE_NAMES.threads,
    route: {
      kind: 'page',
      url: 'https://help.instagram.com/1055435822080964',
      postal: 'Threads Designated Agent, Meta Platforms, Inc., 1 Meta Way, Menlo Park, CA 94025, USA',
    },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: {
      en: 'The help page links Meta’s copyright form; a complete DMCA notice can also go to the designated agent by post. Meta shares your details with the poster.',
      zh: '该帮助页面链接到 Meta 的版权投诉表单；也可以将完整的 DMCA 通知邮寄给指定代理人。Meta 会把您的信息提供给发布者。',
    },
    verified: true,
    sources: ['https://help.instagram.com/1055435822080964'],
  },
  pinterest: {
    site: 'pinterest',
    name: SITE_NAMES.pinterest,
    route: { kind: 'page', url: 'https://policy.pinterest.com/en/copyright' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: { en: 'The copyright policy page links the report form.', zh: '版权政策页面中有投诉表单的链接。' },
    verified: false,
    sources: ['legal.md'],
  },
  reddit: {
    site: 'reddit',
    name: SITE_NAMES.reddit,
    route: { kind: 'form', url: 'https://www.reddit.com/report/copyright' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: {
      en: 'Reddit’s User Agreement points to its Copyright Report Form; this address is unconfirmed.',
      zh: 'Reddit 用户协议提到其版权投诉表单；此网址尚未核实。',
    },
    verified: false,
    sources: ['legal.md (unverified)'],
  },
  tumblr: {
    site: 'tumblr',
    name: SITE_NAMES.tumblr,
    route: { kind: 'form', url: 'https://www.tumblr.com/dmca' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: {
      en: 'Tumblr accepts copyright notices only in DMCA form, including from outside the US.',
      zh: 'Tumblr 只受理符合 DMCA 格式的版权通知，包括来自美国以外的通知。',
    },
    verified: false,
    sources: ['https://transparency.automattic.com/tumblr/copyright-and-trademark/ (elements and DMCA-only policy; form URL from legal.md)'],
  },
  bluesky: {
    site: 'bluesky',
    name: SITE_NAMES.bluesky,
    route: { kind: 'page', url: 'https://bsky.social/about/support/copyright' },
    dsa: { kind: 'form', url: 'https://bsky.social/about/support/regulatory-compliance-report' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: { en: 'EU users can also use the DSA route.', zh: '欧盟用户也可以使用 DSA 渠道。' },
    verified: true,
    sources: ['Bluesky app source: src/components/ReportDialog/const.ts DMCA_LINK (DSA URL from legal.md, unverified)'],
  },
  weibo: {
    site: 'weibo',
    name: SITE_NAMES.weibo,
    route: { kind: 'in-app' },
    template: 'cn-notice',
    fields: CN_FIELDS,
    notes: {
      en: 'Use the in-app 投诉 (complaint) entry on the post. No public web form was found. Have identity documents and proof of rights ready.',
      zh: '请在帖子上使用应用内的“投诉”入口。未找到公开的网页表单。请准备好身份证明和权属证明。',
    },
    verified: false,
    sources: ['legal.md'],
  },
  xiaohongshu: {
    site: 'xiaohongshu',
    name: SITE_NAMES.xiaohongshu,
    route: { kind: 'in-app' },
    template: 'cn-notice',
    fields: CN_FIELDS,
    notes: {
      en: 'See Xiaohongshu’s 侵权投诉指引 (on its agree.xiaohongshu.com terms pages). It asks for real-name identity documents, proof of rights, and a power of attorney from agents.',
      zh: '参见小红书《侵权投诉指引》（agree.xiaohongshu.com 协议页面）。需要实名身份证明、权属证明；代理人需提供授权委托书。',
    },
    verified: false,
    sources: ['legal.md'],
  },
  bilibili: {
    site: 'bilibili',
    name: SITE_NAMES.bilibili,
    route: { kind: 'form', url: 'https://www.bilibili.com/v/copyright/apply' },
    template: 'cn-notice',
    fields: CN_FIELDS,
    notes: {
      en: 'The form asks for real-name and eligibility verification before a complaint.',
      zh: '投诉前需完成实名及资格认证。',
    },
    verified: false,
    sources: ['legal.md'],
  },
  deviantart: {
    site: 'deviantart',
    name: SITE_NAMES.deviantart,
    route: { kind: 'page', url: 'https://www.deviantart.com/about/policy/copyright/' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: {
      en: 'Only the owner or the owner’s representative can file; third-party reports are not taken as DMCA notices.',
      zh: '只有权利人或其代理人可以投诉；第三方举报不作为 DMCA 通知处理。',
    },
    verified: false,
    sources: ['legal.md'],
  },
  artstation: {
    site: 'artstation',
    name: SITE_NAMES.artstation,
    route: { kind: 'page', url: 'https://help.artstation.com/en/articles/93-copyright-infringement-plagiarism' },
    template: 'us-dmca',
    fields: ['name', 'email', 'originalUrls', 'infringingUrls', 'proofOfOwnership', 'priorContact'],
    notes: {
      en: 'ArtStation asks for links to the original and the copy, evidence of ownership, and evidence that you first asked the poster to remove it.',
      zh: 'ArtStation 要求提供原作和副本的链接、权属证据，以及您已先请求发布者删除的证据。',
    },
    verified: true,
    sources: ['https://help.artstation.com/en/articles/93-copyright-infringement-plagiarism'],
  },
  behance: {
    site: 'behance',
    name: SITE_NAMES.behance,
    route: { kind: 'page', url: 'https://www.adobe.com/legal/dmca.html' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: {
      en: 'Adobe’s notice page links its online form; Adobe may send your notice, with your contact details, to the uploader.',
      zh: 'Adobe 的通知页面链接到其在线表单；Adobe 可能会把您的通知及联系方式提供给上传者。',
    },
    verified: true,
    sources: ['https://www.adobe.com/legal/dmca.html'],
  },
  tiktok: {
    site: 'tiktok',
    name: SITE_NAMES.tiktok,
    route: { kind: 'form', url: 'https://www.tiktok.com/legal/report/Copyright' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: { en: 'The form asks for reporter, owner, contact, relationship, work and URLs.', zh: '表单要求填写投诉人、权利人、联系方式、关系、作品和网址。' },
    verified: false,
    sources: ['legal.md'],
  },
  youtube: {
    site: 'youtube',
    name: SITE_NAMES.youtube,
    route: { kind: 'form', url: 'https://www.youtube.com/copyright_complaint_form' },
    template: 'us-dmca',
    fields: DMCA_FIELDS,
    notes: { en: 'Give exact watch or post URLs.', zh: '请填写确切的视频或帖子网址。' },
    verified: false,
    sources: ['legal.md'],
  },
  generic: {
    site: 'generic',
    name: SITE_NAMES.generic,
    route: { kind: 'none' },
    template: 'us-dmca',
    fields: [...DMCA_FIELDS, 'notice'],
    notes: {
      en: 'Look for the site’s copyright or DMCA page. US services list their designated agent in the US Copyright Office directory (dmca.copyright.gov).',
      zh: '请查找该网站的版权或 DMCA 页面。美国的服务商会在美国版权局的指定代理人名录（dmca.copyright.gov）中登记。',
    },
    verified: false,
    sources: [],
  },
};

/** The channel for a site id; unknown sites get the generic one. */
export function channelFor(site: string): Channel {
  return CHANNELS[isSiteId(site) ? site : 'generic'];
}

export const CHANNEL_FIELD_LABELS: Record<ChannelFieldId, Localized> = {
  relationship: { en: 'Your relationship to the rights owner', zh: '您与权利人的关系' },
  ownerName: { en: 'Name of the rights owner', zh: '权利人名称' },
  name: { en: 'Your full name', zh: '姓名（名称）' },
  email: { en: 'Email address', zh: '电子邮箱' },
  phone: { en: 'Telephone', zh: '联系电话' },
  address: { en: 'Postal address', zh: '地址' },
  workDescription: { en: 'Description of your original work', zh: '原作品说明' },
  originalUrls: { en: 'Where your original is published', zh: '原作品的发表网址' },
  infringingUrls: { en: 'URLs of the infringing posts', zh: '侵权内容网址' },
  signature: { en: 'Electronic signature', zh: '签名' },
  goodFaith: { en: 'Good-faith statement', zh: '善意声明' },
  accuracy: { en: 'Accuracy statement (under penalty of perjury)', zh: '准确性声明（伪证罪责下）' },
  proofOfOwnership: { en: 'Proof of ownership', zh: '权属证明' },
  priorContact: { en: 'Evidence you first asked the poster to remove it', zh: '已先联系发布者要求删除的证据' },
  idDocument: { en: 'Identity document', zh: '身份证明' },
  powerOfAttorney: { en: 'Power of attorney (agents only)', zh: '授权委托书（仅代理人）' },
  notice: { en: 'Full notice text', zh: '通知书全文' },
};

export interface ChannelFieldValue {
  id: ChannelFieldId;
  label: string;
  /** text: copy into a field; statement: the form's checkbox or declaration; attachment: a file to upload. */
  kind: 'text' | 'statement' | 'attachment';
  /** Ready to copy; for attachments, what is known to go in the file (may be empty). */
  value: string;
  /** Required by the form and not available from the facts. */
  missing: boolean;
  /** For attachments the facts cannot supply: what the file should be. */
  hint?: string;
}

const ATTACHMENT_HINTS: Partial<Record<ChannelFieldId, Localized>> = {
  priorContact: {
    en: 'A screenshot of your message asking the poster to take the image down.',
    zh: '您请求发布者删除图片的消息截图。',
  },
  idDocument: { en: 'A scan of your identity document (the platform asks for real-name verification).', zh: '身份证件扫描件（平台要求实名认证）。' },
  powerOfAttorney: { en: 'A signed authorisation from the rights owner.', zh: '权利人签署的授权委托书。' },
};

/**
 * The values to paste into a platform's form, one per field it asks for, in the channel's language
 * (Chinese for Chinese platforms). Labels follow `uiLang`.
 */
export function channelFieldValues(site: string, input: NoticeInput, uiLang: Lang): ChannelFieldValue[] {
  const channel = channelFor(site);
  const lang: Lang = channel.template === 'cn-notice' ? 'zh' : 'en';
  const { claimant, work } = input;
  const owner = input.onBehalfOf?.trim();
  const title = work.title.trim();
  const published = (work.publicationUrls ?? []).filter((u) => u.trim());
  const proofFiles = [...(input.evidence ?? []), ...(work.authorship?.evidence ?? [])].map((f) => `${f.name} (SHA-256 ${f.sha256})`);
  const zh = lang === 'zh';

  const text = (value: string) => ({ kind: 'text' as const, value: value.trim(), missing: !value.trim() });
  const optional = (value: string) => ({ kind: 'text' as const, value: value.trim(), missing: false });
  const attachment = (id: ChannelFieldId, value: string, required: boolean) => ({
    kind: 'attachment' as const,
    value,
    missing: required && !value,
    ...(ATTACHMENT_HINTS[id] ? { hint: ATTACHMENT_HINTS[id][uiLang] } : {}),
  });
  const describe = (): string => {
    if (zh) return `${title ? `《${title}》` : '本人的图片'}${work.creator?.trim() ? `，作者 ${work.creator.trim()}` : ''}${work.createdAt ? `，创作于 ${work.createdAt}` : ''}。`;
    return `${title ? `"${title}", ` : ''}an original image${work.creator?.trim() ? ` by ${work.creator.trim()}` : ''}${work.createdAt ? `, created ${work.createdAt}` : ''}.`;
  };

  const values: Record<ChannelFieldId, () => Omit<ChannelFieldValue, 'id' | 'label'>> = {
    relationship: () => optional(owner ? (zh ? `受 ${owner} 委托的代理人` : `Authorised agent of ${owner}`) : zh ? '本人即权利人' : 'I am the copyright owner'),
    ownerName: () => text(owner || claimant.name),
    name: () => text(claimant.name),
    email: () => ({ kind: 'text', value: claimant.email.trim(), missing: !isEmail(claimant.email) }),
    phone: () => optional(claimant.phone),
    address: () => text(claimant.address),
    workDescription: () => text(title || published.length ? describe() : ''),
    originalUrls: () => optional(published.join('\n')),
    infringingUrls: () => text(input.copies.map((c) => c.pageUrl.trim() || c.imageUrl.trim()).filter(Boolean).join('\n')),
    signature: () => text(claimant.signature),
    goodFaith: () => ({ kind: 'statement', value: STATEMENTS.dmcaGoodFaith, missing: false }),
    accuracy: () => ({ kind: 'statement', value: STATEMENTS.dmcaAccuracy, missing: false }),
    proofOfOwnership: () => attachment('proofOfOwnership', [...published, ...proofFiles].join('\n'), true),
    priorContact: () => attachment('priorContact', '', true),
    idDocument: () => attachment('idDocument', '', true),
    powerOfAttorney: () => attachment('powerOfAttorney', '', Boolean(owner)),
    notice: () => ({ kind: 'text', value: noticeText(draftNotice(channel.template, input)), missing: false }),
  };
  return channel.fields
    .filter((id) => id !== 'powerOfAttorney' || owner)
    .map((id) => ({ id, label: CHANNEL_FIELD_LABELS[id][uiLang], ...values[id]() }));
}
