import { describe, expect, it } from 'vitest';
import { casesToCsv, csvCell, isAllowedUse, newCase, transition, type Case, type CaseEvent } from '../../../src/notice/cases.ts';

const DETECTION = {
  id: 'd1',
  workId: 'w-1',
  workTitle: 'Harbour at Dawn',
  site: 'x',
  pageUrl: 'https://x.com/a/status/1',
  imageUrl: 'https://pbs.twimg.com/media/a.jpg',
  pageTitle: 'A post',
  account: '@a',
};

function apply(c: Case, ...events: CaseEvent[]): Case {
  for (const event of events) {
    const result = transition(c, event);
    if (!result.ok) throw new Error(result.error);
    c = result.case;
  }
  return c;
}

const t = (n: number) => `2026-11-${String(n).padStart(2, '0')}T10:00:00Z`;

describe('transition', () => {
  it('walks new → reviewed → drafted → sent → resolved, keeping history', () => {
    const c = apply(
      newCase(DETECTION, t(1)),
      { type: 'review', at: t(2) },
      { type: 'draft', at: t(3), templateId: 'us-dmca' },
      { type: 'send', at: t(4), channel: 'x form' },
      { type: 'send', at: t(10), channel: 'email' },
      { type: 'resolve', at: t(12), outcome: 'removed' },
    );
    expect(c.status).toBe('resolved');
    expect(c.sent).toEqual([
      { at: t(4), channel: 'x form' },
      { at: t(10), channel: 'email' },
    ]);
    expect(c.resolution).toEqual({ at: t(12), outcome: 'removed' });
    expect(c.history.map((h) => `${h.from}>${h.to}`)).toEqual(['new>reviewed', 'reviewed>drafted', 'drafted>sent', 'sent>sent', 'sent>resolved']);
    expect(c.updatedAt).toBe(t(12));
  });

  it('records an allowance for a site/account, and dismissals', () => {
    const allowed = apply(newCase(DETECTION, t(1)), { type: 'review', at: t(2) }, { type: 'allow', at: t(3), allowance: { site: 'x', account: '@a' } });
    expect(allowed.status).toBe('allowed');
    expect(isAllowedUse([allowed], { site: 'x', account: '@a' })).toBe(true);
    expect(isAllowedUse([allowed], { site: 'x', account: '@b' })).toBe(false);
    expect(isAllowedUse([apply(newCase(DETECTION, t(1)), { type: 'allow', at: t(2), allowance: { site: 'x' } })], { site: 'x', account: '@b' })).toBe(true);
    expect(apply(newCase(DETECTION, t(1)), { type: 'dismiss', at: t(2), reason: 'not my work' }).dismissReason).toBe('not my work');
  });

  it('rejects invalid transitions without changing the case', () => {
    const fresh = newCase(DETECTION, t(1));
    const bad: [Case, CaseEvent][] = [
      [fresh, { type: 'send', at: t(2), channel: 'x' }],
      [fresh, { type: 'draft', at: t(2), templateId: 'us-dmca' }],
      [fresh, { type: 'resolve', at: t(2), outcome: 'removed' }],
      [apply(fresh, { type: 'review', at: t(2) }), { type: 'send', at: t(3), channel: 'x' }],
      [apply(fresh, { type: 'dismiss', at: t(2) }), { type: 'draft', at: t(3), templateId: 'eu-dsa' }],
      [fresh, { type: 'review', at: 'yesterday' }],
      [fresh, { type: 'allow', at: t(2), allowance: { site: ' ' } }],
    ];
    for (const [c, event] of bad) {
      const before = JSON.stringify(c);
      expect(transition(c, event).ok, `${c.status} + ${event.type}`).toBe(false);
      expect(JSON.stringify(c)).toBe(before);
    }
  });

  it('reopens closed cases for review and clears their outcome', () => {
    const resolved = apply(
      newCase(DETECTION, t(1)),
      { type: 'review', at: t(2) },
      { type: 'draft', at: t(3), templateId: 'uk-letter' },
      { type: 'send', at: t(4), channel: 'post' },
      { type: 'resolve', at: t(5), outcome: 'licensed' },
      { type: 'reopen', at: t(20) },
    );
    expect(resolved.status).toBe('reviewed');
    expect(resolved.resolution).toBeUndefined();
    expect(resolved.sent).toHaveLength(1);
  });
});

describe('CSV export', () => {
  it('quotes per RFC 4180', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\r\nlines')).toBe('"two\r\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(3)).toBe('3');
  });

  it('neutralises formula injection', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a=1')).toBe('a=1');
  });

  it('exports a header and one row per case with CRLF line ends', () => {
    const hostile = newCase({ ...DETECTION, id: 'd2', pageTitle: '=cmd|"/c calc"!A1, "quoted"\nnext' }, t(1));
    const sent = apply(newCase(DETECTION, t(1)), { type: 'review', at: t(2) }, { type: 'draft', at: t(3), templateId: 'us-dmca' }, { type: 'send', at: t(4), channel: 'x form' });
    const csv = casesToCsv([sent, hostile]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'case_id,status,work_id,work_title,site,account,page_url,image_url,page_title,created_at,updated_at,allowed_for,template,notices_sent,last_sent_at,last_sent_via,resolved_at,outcome',
    );
    expect(lines[1]).toBe(`d1,sent,w-1,Harbour at Dawn,x,'@a,https://x.com/a/status/1,https://pbs.twimg.com/media/a.jpg,A post,${t(1)},${t(4)},,us-dmca,1,${t(4)},x form,,`);
    expect(csv).toContain(`"'=cmd|""/c calc""!A1, ""quoted""\nnext"`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});
