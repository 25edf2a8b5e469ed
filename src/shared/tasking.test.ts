import { describe, expect, it } from 'vitest';
import { isIsoDate, LIMITS } from './domain';
import { dueInWords, officeKey, officesOf, sameOffice, taskerBook, taskerBookId } from './tasking';

describe('owners and offices', () => {
  it('matches trimmed, white space runs as one, case-insensitive; an empty owner matches nothing', () => {
    expect(sameOffice('  Legal\tOffice ', 'legal office')).toBe(true);
    expect(sameOffice('Legal Office', 'Legal Offices')).toBe(false);
    expect(sameOffice('   ', '')).toBe(false);
    expect(sameOffice(null, 'Legal Office')).toBe(false);
    expect(officeKey('ＬＥＧＡＬ')).not.toBe(officeKey('legal'));
    expect(officesOf(['policy', 'Legal Office', ' legal office', null, 'Policy'])).toEqual(['Legal Office', 'policy']);
  });

  it("an office's copy of a book has its own id, at most 64 characters, the same each time; the office's own copy keeps its id", () => {
    const long = 'b'.repeat(LIMITS.id);
    expect(taskerBookId(long, 'Legal Office').length).toBeLessThanOrEqual(LIMITS.id);
    expect(taskerBookId(long, 'Legal Office')).toMatch(/^b{32}--for-legal-office-[0-9a-f]{8}$/);
    expect(taskerBookId('summit', 'Legal Office')).toBe(taskerBookId('summit', ' legal  office'));
    expect(taskerBookId('summit', '법무팀')).not.toBe(taskerBookId('summit', '정책팀'));
    const book = { id: 'summit', title: 'Summit', rev: `sha256:${'0'.repeat(64)}`, sections: [{ id: 's', title: 'S', items: ['a', 'b'] }] };
    const owners: Record<string, string> = { a: 'Legal Office', b: 'Policy' };
    const copy = taskerBook(book, 'legal office', (id) => owners[id]);
    expect(copy.itemIds).toEqual(['a']);
    expect(copy.book).toEqual({ id: taskerBookId('summit', 'legal office'), title: 'Summit — papers for legal office', tasking: { book: 'summit', office: 'legal office' }, sections: [{ id: 's', title: 'S', items: ['a'] }] });
    const again = taskerBook(copy.book, 'Legal Office', (id) => owners[id]);
    expect(again.book.id).toBe(copy.book.id);
    expect(again.book.title).toBe(copy.book.title);
  });
});

describe('due dates', () => {
  it('a date exists or is refused', () => {
    expect(['2024-02-29', '2026-12-01', '1999-01-31'].every(isIsoDate)).toBe(true);
    expect(['2026-02-29', '2026-04-31', '2026-00-10', '26-01-01', '2026-01-01T00:00', ''].some(isIsoDate)).toBe(false);
  });

  it('says in words how a due date stands', () => {
    const today = '2026-03-01';
    expect(dueInWords({ due: '2026-02-26', state: 'missing' }, today)).toBe('overdue by 3 days');
    expect(dueInWords({ due: '2026-02-28', state: 'missing' }, today)).toBe('overdue by 1 day');
    expect(dueInWords({ due: '2026-02-28', state: 'written' }, today)).toBe('was due 1 day ago');
    expect(dueInWords({ due: '2026-03-01', state: 'missing' }, today)).toBe('due today');
    expect(dueInWords({ due: '2026-03-02', state: 'missing' }, today)).toBe('due tomorrow');
    expect(dueInWords({ due: '2026-03-31', state: 'missing' }, today)).toBe('due in 30 days');
    expect(dueInWords({ due: null, state: 'missing' }, today)).toBeNull();
  });
});
