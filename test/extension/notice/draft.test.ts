import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { detectCmiRemoval } from '../../../src/notice/cmi.ts';
import { draftNotice } from '../../../src/notice/templates.ts';
import { emptyAuthorship, type Detection, type Work } from '../../../src/registry/schema.ts';
import { Registry } from '../../../src/registry/store.ts';
import { draftEvents, moveCase } from '../../../extension/cases/lifecycle.ts';
import { checklist, initialValues, noticeInput, type EditorContext } from '../../../extension/notice/draft.ts';

const claimant = { name: 'Mira Okafor', address: '12 Harbour Lane, Portsmouth', email: 'mira@okafor-art.example', phone: '', signature: 'Mira Okafor' };

const detection: Detection = {
  id: 'w-1|https://pbs.twimg.com/media/a.jpg|https://x.com/someone/status/1',
  workId: 'w-1',
  imageUrl: 'https://pbs.twimg.com/media/a.jpg',
  pageUrl: 'https://x.com/someone/status/1',
  pageTitle: 'Look <img src=x onerror=alert(1)>',
  site: 'x',
  distance: 3,
  firstSeen: '2026-11-20T10:00:00.000Z',
  status: 'new',
  updatedAt: '2026-11-20T10:00:00.000Z',
  sent: [],
  history: [],
};

const work = {
  id: 'w-1',
  title: 'Harbour at Dawn',
  fileName: 'harbour.jpg',
  digest: 'ab'.repeat(32),
  width: 800,
  height: 600,
  addedAt: '2026-11-01T00:00:00.000Z',
  creator: 'Mira Okafor',
  createdAt: '2026-03-01',
  publicationUrls: ['https://okafor-art.example/harbour'],
  licence: '',
  authorship: { ...emptyAuthorship(), aiGenerated: true },
  cmi: { artist: 'Mira Okafor', copyright: '(c) 2026 Mira Okafor', c2pa: false },
} as Work;

const context = (overrides: Partial<EditorContext> = {}): EditorContext => ({ detection, work, cmi: undefined, date: '2026-11-26', ...overrides });

describe('notice editor drafts', () => {
  it('prefills from the claimant settings, the work and the detection', () => {
    const values = initialValues('us-dmca', claimant, detection, work);
    expect(values.claimant).toEqual(claimant);
    expect(values.work).toEqual({ title: 'Harbour at Dawn', creator: 'Mira Okafor', publicationUrls: 'https://okafor-art.example/harbour' });
    expect(values.copy).toEqual({ pageUrl: detection.pageUrl, imageUrl: detection.imageUrl, account: '' });
    const input = noticeInput(values, context());
    expect(input.copies).toEqual([
      { pageUrl: detection.pageUrl, imageUrl: detection.imageUrl, pageTitle: detection.pageTitle, site: 'x', foundAt: detection.firstSeen, account: '', distance: 3 },
    ]);
    expect(input.work).toMatchObject({ fileName: 'harbour.jpg', digest: work.digest, authorship: work.authorship, cmi: work.cmi });
  });

  it('ticks each legal element once its inputs are there, and lists what is missing', () => {
    const values = initialValues('us-dmca', { ...claimant, address: '', signature: '' }, detection, work);
    let input = noticeInput(values, context());
    let doc = draftNotice('us-dmca', input);
    expect(doc.missing).toEqual(['claimant.address', 'claimant.signature']);
    expect(checklist(doc, input).map(({ element, done }) => [element.id, done])).toEqual([
      ['dmca-i', false],
      ['dmca-ii', true],
      ['dmca-iii', true],
      ['dmca-iv', false],
      ['dmca-v', true],
      ['dmca-vi', true],
    ]);
    input = noticeInput({ ...values, claimant }, context());
    doc = draftNotice('us-dmca', input);
    expect(doc.missing).toEqual([]);
    expect(checklist(doc, input).every(({ done }) => done)).toBe(true);
  });

  it('warns that an AI-generated work without a recorded human contribution may not be protected', () => {
    const doc = draftNotice('us-dmca', noticeInput(initialValues('us-dmca', claimant, detection, work), context()));
    expect(doc.warnings.map((w) => w.code)).toContain('ai-no-human-contribution');
  });

  it('adds the CMI paragraph only when the copy lacks CMI and the creator keeps it in', () => {
    const cmi = detectCmiRemoval(work.cmi, { c2pa: false });
    const values = initialValues('us-dmca', claimant, detection, work);
    const withCmi = draftNotice('us-dmca', noticeInput(values, context({ cmi })));
    expect(withCmi.elements.map((e) => e.id)).toContain('us-1202');
    const without = draftNotice('us-dmca', noticeInput({ ...values, includeCmi: false }, context({ cmi })));
    expect(without.elements.map((e) => e.id)).not.toContain('us-1202');
    // The licence offer never accuses anyone of removing CMI.
    expect(noticeInput({ ...values, template: 'licence-request' }, context({ cmi })).cmi).toBeUndefined();
  });

  it('passes the licence offer and the reply deadline only to the templates that use them', () => {
    const values = { ...initialValues('uk-letter', claimant, detection, work), deadlineDays: '21', licence: { fee: 'GBP 150', feeBasis: 'my rate', payment: 'bank transfer' } };
    expect(noticeInput(values, context())).toMatchObject({ deadlineDays: 21, licence: values.licence });
    const dmca = noticeInput({ ...values, template: 'us-dmca' }, context());
    expect(dmca).not.toHaveProperty('deadlineDays');
    expect(dmca).not.toHaveProperty('licence');
  });
});

describe('case moves from the editor', () => {
  it('takes a case to "notice drafted" from where it is, and leaves a sent one sent', async () => {
    const registry = await Registry.open(`rr-editor-${process.pid}`);
    let { detection: stored } = await registry.addDetection(detection);
    const at = '2026-11-26T12:00:00.000Z';
    stored = await moveCase(registry, stored, draftEvents(stored, 'us-dmca', at));
    expect(stored).toMatchObject({ status: 'drafted', templateId: 'us-dmca' });
    expect(stored.history.map((h) => h.to)).toEqual(['reviewed', 'drafted']);
    stored = await moveCase(registry, stored, [{ type: 'send', at, channel: 'https://help.x.com/en/forms/ipi/dmca' }]);
    expect(draftEvents(stored, 'us-dmca', at)).toEqual([]);
    stored = await moveCase(registry, stored, [{ type: 'resolve', at, outcome: 'removed' }]);
    stored = await moveCase(registry, stored, draftEvents(stored, 'eu-dsa', at));
    expect(stored).toMatchObject({ status: 'drafted', templateId: 'eu-dsa' });
    await expect(moveCase(registry, stored, [{ type: 'resolve', at, outcome: 'removed' }])).rejects.toThrow(/cannot resolve/);
    registry.close();
  });
});
