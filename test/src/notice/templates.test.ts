import { describe, expect, it } from 'vitest';
import { detectCmiRemoval } from '../../../src/notice/cmi.ts';
import { noticeText } from '../../../src/notice/render.ts';
import { addDays, draftNotice, TEMPLATES, type NoticeDocument, type TemplateId } from '../../../src/notice/templates.ts';
import { sampleInput } from './fixtures.ts';

function sectionText(doc: NoticeDocument, id: string): string {
  const section = doc.sections.find((s) => s.id === id);
  expect(section, `section ${id}`).toBeDefined();
  return [section!.heading, ...section!.lines].join('\n');
}

const IDS = Object.keys(TEMPLATES) as TemplateId[];

describe('every template', () => {
  it.each(IDS)('%s: each declared element points at sections the draft has', (id) => {
    const doc = draftNotice(id, sampleInput({ licence: { fee: 'GBP 120', feeBasis: 'my rate for one web use', payment: 'https://pay.example.org/ada' } }));
    for (const element of doc.elements) {
      expect(element.label.en && element.label.zh).toBeTruthy();
      for (const s of element.sections) expect(sectionText(doc, s).trim(), `${element.id} → ${s}`).not.toBe('');
    }
    expect(doc.missing).toEqual([]);
  });

  it.each(IDS)('%s: reports missing claimant fields and infringing URL', (id) => {
    const input = sampleInput({ claimant: { name: '', address: '', email: 'not-an-email', phone: '', signature: '' } });
    input.copies[0] = { ...input.copies[0], pageUrl: 'javascript:alert(1)', imageUrl: '' };
    const { missing } = draftNotice(id, input);
    expect(missing).toContain('claimant.name');
    expect(missing).toContain('copy.url');
    expect(missing.some((f) => f === 'claimant.email' || f === 'claimant.contact')).toBe(true);
  });

  it.each(IDS)('%s: never marks a complete input as missing the work when only a publication URL identifies it', (id) => {
    const input = sampleInput({ licence: { fee: 'EUR 90', feeBasis: 'x', payment: 'y' } });
    input.work = { ...input.work, title: '' };
    expect(draftNotice(id, input).missing).not.toContain('work.identification');
  });
});

describe('US DMCA', () => {
  const doc = draftNotice('us-dmca', sampleInput());
  const text = noticeText(doc);

  it('declares all six elements of §512(c)(3)(A)', () => {
    expect(doc.elements.map((e) => e.citation)).toEqual(['i', 'ii', 'iii', 'iv', 'v', 'vi'].map((n) => `17 U.S.C. §512(c)(3)(A)(${n})`));
  });

  it('carries the good-faith statement in the statute’s words', () => {
    expect(sectionText(doc, 'good-faith')).toContain(
      'good faith belief that use of the material in the manner complained of is not authorized by the copyright owner, its agent, or the law',
    );
  });

  it('carries the accuracy statement under penalty of perjury in the statute’s words', () => {
    expect(sectionText(doc, 'accuracy')).toContain(
      'the information in the notification is accurate, and under penalty of perjury, that I am authorized to act on behalf of the owner of an exclusive right that is allegedly infringed',
    );
  });

  it('identifies the work, the material with its exact URLs, the contact details and a signature', () => {
    expect(sectionText(doc, 'work')).toContain('"Harbour at Dawn"');
    expect(sectionText(doc, 'material')).toContain('https://x.com/someone/status/123');
    expect(sectionText(doc, 'material')).toContain('https://pbs.twimg.com/media/abc.jpg');
    const contact = sectionText(doc, 'contact');
    for (const part of ['Ada Example', '1 Studio Lane', 'ada@example.org', '+44 117']) expect(contact).toContain(part);
    expect(sectionText(doc, 'signature')).toContain('/Ada Example/');
    expect(text).toContain('To: the designated copyright agent of X (Twitter)');
  });

  it('adds a factual §1202 paragraph only when CMI was removed, without claiming intent', () => {
    expect(doc.sections.some((s) => s.id === 'cmi')).toBe(false);
    const cmi = detectCmiRemoval({ creator: 'Ada Example', c2pa: true }, { c2pa: false });
    const withCmi = draftNotice('us-dmca', sampleInput({ cmi }));
    const paragraph = sectionText(withCmi, 'cmi');
    expect(paragraph).toContain('does not carry the following copyright management information');
    expect(paragraph).toContain('creator name "Ada Example"');
    expect(paragraph).toContain('C2PA content credentials');
    expect(paragraph).toContain('§1202');
    expect(paragraph).not.toMatch(/intentional|knowing|deliberate|wilful|willful/i);
    expect(withCmi.elements.map((e) => e.id)).toContain('us-1202');
    expect(withCmi.warnings.map((w) => w.code)).toContain('cmi-stripping');
  });

  it('lists required fields per §512 and blocks until they are filled', () => {
    const input = sampleInput();
    input.claimant = { ...input.claimant, address: ' ', signature: '' };
    expect(draftNotice('us-dmca', input).missing).toEqual(['claimant.address', 'claimant.signature']);
  });

  it('says the claimant acts for the owner when it does', () => {
    const agent = draftNotice('us-dmca', sampleInput({ onBehalfOf: 'Harbour Studio Ltd' }));
    expect(sectionText(agent, 'contact')).toContain('acting on behalf of Harbour Studio Ltd');
    expect(sectionText(agent, 'work')).toContain('owned by Harbour Studio Ltd');
  });
});

describe('EU DSA Art. 16', () => {
  const doc = draftNotice('eu-dsa', sampleInput());

  it('declares (a)–(d)', () => {
    expect(doc.elements.map((e) => e.id)).toEqual(['dsa-a', 'dsa-b', 'dsa-c', 'dsa-d']);
  });

  it('explains why the content is illegal, with the exact URL, name, email and the bona fide statement', () => {
    expect(sectionText(doc, 'explanation')).toMatch(/without authorisation, which infringes the exclusive rights of reproduction and of communication to the public/);
    expect(sectionText(doc, 'location')).toContain('https://x.com/someone/status/123');
    expect(sectionText(doc, 'submitter')).toContain('Ada Example');
    expect(sectionText(doc, 'submitter')).toContain('ada@example.org');
    expect(sectionText(doc, 'statement')).toContain('bona fide belief');
    expect(sectionText(doc, 'statement')).toContain('the information and allegations contained in this notice are accurate and complete');
  });

  it('needs name and email, not a postal address', () => {
    const input = sampleInput();
    input.claimant = { ...input.claimant, address: '', signature: '', phone: '' };
    expect(draftNotice('eu-dsa', input).missing).toEqual([]);
    input.claimant = { ...input.claimant, email: '' };
    expect(draftNotice('eu-dsa', input).missing).toEqual(['claimant.email']);
  });
});

describe('China notice', () => {
  const doc = draftNotice('cn-notice', sampleInput({ evidence: [{ name: 'evidence.zip', sha256: 'cd'.repeat(32) }] }));
  const text = noticeText(doc);

  it('is written in Chinese and cites Art. 14 and Art. 1195', () => {
    expect(doc.language).toBe('zh');
    expect(text).toContain('《信息网络传播权保护条例》第十四条');
    expect(text).toContain('第一千一百九十五条');
    expect(text).toContain('删除、屏蔽、断开链接等必要措施');
  });

  it('carries the three items of Art. 14 and the truthfulness statement', () => {
    const claimant = sectionText(doc, 'claimant');
    expect(claimant).toContain('权利人的姓名（名称）、联系方式和地址');
    for (const part of ['Ada Example', '1 Studio Lane', 'ada@example.org']) expect(claimant).toContain(part);
    const material = sectionText(doc, 'material');
    expect(material).toContain('名称和网络地址');
    expect(material).toContain('https://x.com/someone/status/123');
    expect(material).toContain('Look at this');
    const proof = sectionText(doc, 'proof');
    expect(proof).toContain('构成侵权的初步证明材料');
    expect(proof).toContain('《Harbour at Dawn》');
    expect(proof).toContain('evidence.zip');
    expect(sectionText(doc, 'statement')).toContain('对通知书的真实性负责');
    expect(sectionText(doc, 'signature')).toContain('签名：Ada Example');
  });

  it('adds the rights-management information section when CMI was removed', () => {
    const cmi = detectCmiRemoval({ copyright: '© 2026 Ada Example', visibleMark: 'ada.example.org' }, { visibleMarkPresent: false });
    const withCmi = draftNotice('cn-notice', sampleInput({ cmi }));
    const rmi = sectionText(withCmi, 'rmi');
    expect(rmi).toContain('权利管理电子信息');
    expect(rmi).toContain('版权声明“© 2026 Ada Example”');
    expect(rmi).toContain('可见水印或署名“ada.example.org”');
    expect(withCmi.elements.map((e) => e.id)).toContain('cn-14-rmi');
  });

  it('requires contact details, address, signature and proof', () => {
    const input = sampleInput({ evidence: [] });
    input.work = { ...input.work, publicationUrls: [] };
    input.claimant = { ...input.claimant, email: '', phone: '' };
    expect(draftNotice('cn-notice', input).missing).toEqual(['claimant.contact', 'work.proof']);
  });
});

describe('UK letter before claim', () => {
  it('says who owns the work, what was copied and where, the evidence, the demand and a 14-day deadline', () => {
    const doc = draftNotice('uk-letter', sampleInput());
    expect(sectionText(doc, 'ownership')).toContain('I am the author of the image "Harbour at Dawn" and I own the copyright in it.');
    expect(sectionText(doc, 'infringement')).toContain('https://x.com/someone/status/123');
    expect(sectionText(doc, 'evidence')).toContain('https://ada.example.org/harbour');
    expect(sectionText(doc, 'header')).toContain('To: [the person or company using the image]');
    expect(sectionText(doc, 'demand')).toContain('Remove the image');
    expect(sectionText(doc, 'deadline')).toContain('Please reply by 2026-12-10 (14 days');
  });

  it('honours a custom deadline and explains a money sum when one is asked', () => {
    const doc = draftNotice('uk-letter', sampleInput({ deadlineDays: 21, licence: { fee: 'GBP 200', feeBasis: 'my standard rate', payment: 'invoice' } }));
    expect(sectionText(doc, 'deadline')).toContain('2026-12-17 (21 days');
    expect(sectionText(doc, 'demand')).toContain('GBP 200, calculated as follows: my standard rate');
    expect(doc.elements.map((e) => e.id)).toContain('uk-pac-6a-money');
  });

  it('requires the basis of a money sum once one is asked', () => {
    const input = sampleInput({ licence: { fee: 'GBP 200', feeBasis: ' ', payment: '' } });
    expect(draftNotice('uk-letter', input).missing).toEqual(['licence.feeBasis']);
    expect(draftNotice('uk-letter', sampleInput({ licence: { fee: '', feeBasis: '', payment: '' } })).missing).toEqual([]);
  });
});

describe('licence request', () => {
  const doc = draftNotice('licence-request', sampleInput({ licence: { fee: 'EUR 150', feeBasis: 'my published rate for one editorial web use', payment: 'https://pay.example.org/ada' } }));
  const text = noticeText(doc);

  it('names the work, the use, the fee and its basis, how to pay or show a licence, and a deadline', () => {
    expect(text).toContain('"Harbour at Dawn"');
    expect(text).toContain('https://x.com/someone/status/123');
    expect(text).toContain('EUR 150, based on my published rate for one editorial web use');
    expect(text).toContain('https://pay.example.org/ada');
    expect(text).toContain('If you already have a licence');
    expect(text).toContain(addDays('2026-11-26', 30));
  });

  it('is addressed to the poster, not the platform', () => {
    expect(text).toContain('Hello,');
    const input = sampleInput({ licence: { fee: 'EUR 150', feeBasis: 'x', payment: 'y' } });
    input.copies[0] = { ...input.copies[0], account: '@someone' };
    expect(noticeText(draftNotice('licence-request', input))).toContain('Dear @someone,');
    expect(noticeText(draftNotice('uk-letter', input))).toContain('To: @someone');
    expect(noticeText(draftNotice('us-dmca', input))).toContain('designated copyright agent of X (Twitter)');
  });

  it('makes no threats', () => {
    expect(text).not.toMatch(/court|proceedings|legal action|lawsuit|infring|penalt|damages/i);
  });

  it('requires the fee, its basis and how to pay', () => {
    expect(draftNotice('licence-request', sampleInput()).missing).toEqual(['licence.fee', 'licence.feeBasis', 'licence.payment']);
  });
});

describe('addDays', () => {
  it('crosses month and year ends in UTC', () => {
    expect(addDays('2026-12-25', 14)).toBe('2027-01-08');
    expect(addDays('2028-02-20', 10)).toBe('2028-03-01');
  });
});
