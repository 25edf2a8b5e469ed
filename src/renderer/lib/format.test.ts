import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDay, formatTime, formatWhen, plural } from './format';

// a moment in the local zone, so the expected day and hour hold wherever the test runs
const MOMENT = new Date(2025, 7, 25, 14, 2, 31).toISOString();
const LATER = new Date(2025, 8, 3, 9, 0, 0);

describe('one date format, from the system locale', () => {
  it('writes days, moments and times as English readers expect', () => {
    expect(formatDay('2025-08-25', 'en-US')).toBe('Aug 25, 2025');
    expect(formatDay('2025-08-25', 'en-GB')).toBe('25 Aug 2025');
    expect(formatDateTime(MOMENT, 'en-GB')).toBe('25 Aug 2025, 14:02');
    expect(formatTime(new Date(MOMENT), 'en-GB')).toBe('14:02:31');
    expect(formatTime(new Date(MOMENT), 'en-US')).toBe('2:02:31 PM');
  });

  it('writes them as Korean readers expect', () => {
    expect(formatDay('2025-08-25', 'ko-KR')).toBe('2025년 8월 25일');
    // the day period's words vary between ICU versions (오후 or PM): the order and numbers do not
    expect(formatDateTime(MOMENT, 'ko-KR')).toMatch(/^2025년 8월 25일 (오후|PM) 2:02$/);
    expect(formatTime(new Date(MOMENT), 'ko-KR')).toMatch(/^(오후|PM) 2:02:31$/);
  });

  it('uses the same date format in lists: the time alone today, the day otherwise', () => {
    expect(formatWhen(MOMENT, new Date(MOMENT), 'en-GB')).toBe('14:02');
    expect(formatWhen(MOMENT, LATER, 'en-GB')).toBe(formatDay('2025-08-25', 'en-GB'));
    expect(formatWhen(MOMENT, LATER, 'ko-KR')).toBe('2025년 8월 25일');
  });

  it('shows what is not a date as it was given', () => {
    expect(formatDay('next Tuesday', 'en-GB')).toBe('next Tuesday');
    expect(formatDateTime('', 'en-GB')).toBe('');
  });
});

describe('plurals', () => {
  it('says 1 match and 2 matches', () => {
    expect(plural(1, 'match', 'matches')).toBe('1 match');
    expect(plural(2, 'match', 'matches')).toBe('2 matches');
    expect(plural(0, 'item')).toBe('0 items');
  });
});
