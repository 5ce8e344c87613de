import { describe, expect, it, vi } from 'vitest';

// The storage half of the module needs an extension; the pure half is what is tested here.
vi.mock('webextension-polyfill', () => ({ default: {} }));

const { customSiteMatches, isWatching, normalizeSiteSettings, parseSiteInput, DEFAULT_SITE_SETTINGS } = await import(
  '../../../extension/shared/site-settings.ts'
);

describe('parseSiteInput', () => {
  it('turns what people type into a host and a pattern for it and its subdomains', () => {
    expect(parseSiteInput('example.com')).toEqual({ host: 'example.com', pattern: '*://*.example.com/*' });
    expect(parseSiteInput('  https://www.Example.com/gallery?page=2 ')).toEqual({ host: 'example.com', pattern: '*://*.example.com/*' });
    expect(parseSiteInput('*.artfol.co')).toEqual({ host: 'artfol.co', pattern: '*://*.artfol.co/*' });
    expect(parseSiteInput('http://blog.example.org')).toEqual({ host: 'blog.example.org', pattern: '*://*.blog.example.org/*' });
  });

  it('refuses what is not a public host name', () => {
    for (const bad of ['', 'localhost', 'not a site', 'ftp://example.com', 'chrome://extensions', '192.168.1.1', 'example', '*']) {
      expect(parseSiteInput(bad), bad).toBeUndefined();
    }
  });
});

describe('normalizeSiteSettings', () => {
  it('gives defaults for nothing stored and keeps only valid parts', () => {
    expect(normalizeSiteSettings(undefined)).toEqual(DEFAULT_SITE_SETTINGS);
    // Notifications are opt-in.
    expect(DEFAULT_SITE_SETTINGS.notifyDetections).toBe(false);
    expect(normalizeSiteSettings({ notifyDetections: true }).notifyDetections).toBe(true);
    expect(
      normalizeSiteSettings({
        paused: 'yes',
        notifyDetections: 1,
        disabled: ['x', 3, 'weibo'],
        custom: [{ host: 'artfol.co', addedAt: '2026-11-26T00:00:00Z' }, { host: 'not a host' }, null],
      }),
    ).toEqual({
      paused: false,
      notifyDetections: false,
      disabled: ['x', 'weibo'],
      custom: [{ host: 'artfol.co', pattern: '*://*.artfol.co/*', addedAt: '2026-11-26T00:00:00Z' }],
    });
  });
});

describe('isWatching', () => {
  const settings = normalizeSiteSettings({ disabled: ['pinterest'], custom: [{ host: 'artfol.co', addedAt: '' }] });

  it('runs on built-in sites unless turned off', () => {
    expect(isWatching(settings, 'x', 'x.com')).toBe(true);
    expect(isWatching(settings, 'pinterest', 'www.pinterest.com')).toBe(false);
  });

  it('runs on other pages only when the user added them', () => {
    expect(isWatching(settings, 'generic', 'artfol.co')).toBe(true);
    expect(isWatching(settings, 'generic', 'cdn.artfol.co')).toBe(true);
    expect(isWatching(settings, 'generic', 'blog.example.org')).toBe(false);
    expect(isWatching(settings, 'generic', 'notartfol.co')).toBe(false);
  });

  it('stays idle everywhere while paused', () => {
    const paused = { ...settings, paused: true };
    expect(isWatching(paused, 'x', 'x.com')).toBe(false);
    expect(isWatching(paused, 'generic', 'artfol.co')).toBe(false);
  });

  it('matches a custom site and its subdomains only', () => {
    expect(customSiteMatches({ host: 'example.com' }, 'example.com')).toBe(true);
    expect(customSiteMatches({ host: 'example.com' }, 'img.example.com')).toBe(true);
    expect(customSiteMatches({ host: 'example.com' }, 'badexample.com')).toBe(false);
  });
});
