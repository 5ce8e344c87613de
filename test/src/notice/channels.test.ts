import { describe, expect, it } from 'vitest';
import { CHANNEL_FIELD_LABELS, CHANNELS, channelFieldValues, channelFor } from '../../../src/notice/channels.ts';
import { SITE_NAMES } from '../../../src/notice/sites.ts';
import { STATEMENTS, TEMPLATES } from '../../../src/notice/templates.ts';
import { sampleInput } from './fixtures.ts';

const ADAPTER_IDS = [
  'x',
  'instagram',
  'facebook',
  'threads',
  'pinterest',
  'reddit',
  'tumblr',
  'bluesky',
  'weibo',
  'xiaohongshu',
  'bilibili',
  'deviantart',
  'artstation',
  'behance',
  'generic',
];

describe('CHANNELS', () => {
  it('covers every site adapter id, keyed by that id', () => {
    for (const id of ADAPTER_IDS) expect(CHANNELS[id as keyof typeof CHANNELS]?.site).toBe(id);
    expect(Object.keys(CHANNELS).sort()).toEqual(Object.keys(SITE_NAMES).sort());
  });

  it('gives each channel a usable route, a known template, labelled fields and notes in both languages', () => {
    for (const channel of Object.values(CHANNELS)) {
      expect(TEMPLATES[channel.template]).toBeDefined();
      if (channel.route.url) expect(new URL(channel.route.url).protocol).toBe('https:');
      if (channel.route.kind === 'form' || channel.route.kind === 'page') expect(channel.route.url).toBeTruthy();
      for (const field of channel.fields) expect(CHANNEL_FIELD_LABELS[field].zh).toBeTruthy();
      expect(channel.notes.en && channel.notes.zh).toBeTruthy();
      if (channel.verified) expect(channel.sources.length).toBeGreaterThan(0);
    }
  });

  it('keeps the routes legal.md marks unverified marked so', () => {
    expect(CHANNELS.reddit.verified).toBe(false);
    expect(CHANNELS.weibo.route.kind).toBe('in-app');
  });

  it('sends Chinese platforms the Chinese notice', () => {
    for (const id of ['weibo', 'xiaohongshu', 'bilibili'] as const) expect(CHANNELS[id].template).toBe('cn-notice');
  });

  it('falls back to generic for unknown sites', () => {
    expect(channelFor('myspace').site).toBe('generic');
    expect(channelFor('__proto__').site).toBe('generic');
  });
});

describe('channelFieldValues', () => {
  it('maps the facts onto a DMCA form, field by field', () => {
    const values = Object.fromEntries(channelFieldValues('x', sampleInput(), 'en').map((v) => [v.id, v]));
    expect(values.name.value).toBe('Ada Example');
    expect(values.relationship.value).toBe('I am the copyright owner');
    expect(values.ownerName.value).toBe('Ada Example');
    expect(values.infringingUrls.value).toBe('https://x.com/someone/status/123');
    expect(values.originalUrls.value).toBe('https://ada.example.org/harbour');
    expect(values.workDescription.value).toBe('"Harbour at Dawn", an original image by Ada Example, created 2026-03-01.');
    expect(values.goodFaith).toMatchObject({ kind: 'statement', value: STATEMENTS.dmcaGoodFaith });
    expect(values.accuracy.value).toContain('under penalty of perjury');
    expect(values.signature.value).toBe('Ada Example');
    expect(Object.values(values).some((v) => v.missing)).toBe(false);
  });

  it('flags what the form needs and the facts lack, with Chinese labels on request', () => {
    const input = sampleInput({ onBehalfOf: 'Harbour Studio Ltd' });
    input.claimant = { ...input.claimant, address: '', email: 'nope' };
    const values = channelFieldValues('instagram', input, 'zh');
    const byId = Object.fromEntries(values.map((v) => [v.id, v]));
    expect(byId.address.missing).toBe(true);
    expect(byId.email.missing).toBe(true);
    expect(byId.relationship.value).toBe('Authorised agent of Harbour Studio Ltd');
    expect(byId.ownerName.value).toBe('Harbour Studio Ltd');
    expect(byId.name.label).toBe('姓名（名称）');
  });

  it('asks ArtStation reporters for proof of a prior request, which only the user can supply', () => {
    const values = Object.fromEntries(channelFieldValues('artstation', sampleInput(), 'en').map((v) => [v.id, v]));
    expect(values.priorContact).toMatchObject({ kind: 'attachment', value: '', missing: true });
    expect(values.priorContact.hint).toMatch(/screenshot/);
    expect(values.proofOfOwnership).toMatchObject({ kind: 'attachment', value: 'https://ada.example.org/harbour', missing: false });
  });

  it('gives Chinese platforms the Chinese notice and asks agents for a power of attorney', () => {
    const own = channelFieldValues('weibo', sampleInput(), 'zh');
    expect(own.map((v) => v.id)).not.toContain('powerOfAttorney');
    expect(own.find((v) => v.id === 'notice')!.value).toContain('构成侵权的初步证明材料');
    const agent = channelFieldValues('weibo', sampleInput({ onBehalfOf: '港湾工作室' }), 'zh');
    expect(agent.find((v) => v.id === 'powerOfAttorney')).toMatchObject({ kind: 'attachment', missing: true });
  });
});
