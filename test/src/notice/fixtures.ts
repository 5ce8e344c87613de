import type { NoticeInput } from '../../../src/notice/types.ts';

export function sampleInput(overrides: Partial<NoticeInput> = {}): NoticeInput {
  return {
    claimant: {
      name: 'Ada Example',
      address: '1 Studio Lane, Bristol BS1 1AA, United Kingdom',
      email: 'ada@example.org',
      phone: '+44 117 000 0000',
      signature: 'Ada Example',
    },
    work: {
      title: 'Harbour at Dawn',
      fileName: 'harbour.png',
      digest: 'ab'.repeat(32),
      creator: 'Ada Example',
      createdAt: '2026-03-01',
      publicationUrls: ['https://ada.example.org/harbour'],
    },
    copies: [
      {
        pageUrl: 'https://x.com/someone/status/123',
        imageUrl: 'https://pbs.twimg.com/media/abc.jpg',
        pageTitle: 'Look at this',
        site: 'x',
        foundAt: '2026-11-20T10:00:00Z',
        distance: 4,
      },
    ],
    date: '2026-11-26',
    ...overrides,
  };
}
