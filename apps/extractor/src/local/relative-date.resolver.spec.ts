import { resolveRelativeDate } from './relative-date.resolver';

describe('resolveRelativeDate', () => {
  const TUESDAY = '2026-03-10';
  const cases: ReadonlyArray<[phrase: string, resolved: string | undefined]> = [
    ['today', '2026-03-10'],
    ['tonight', '2026-03-10'],
    ['tomorrow', '2026-03-11'],
    ['the day after tomorrow', '2026-03-12'],
    ['Friday', '2026-03-13'],
    ['this Friday', '2026-03-13'],
    ['next Friday', '2026-03-20'],
    ['Tuesday', '2026-03-10'],
    ['this week', 'week of 2026-03-09'],
    ['next week', 'week of 2026-03-16'],
    ['this weekend', 'weekend of 2026-03-14'],
    ['next weekend', 'weekend of 2026-03-21'],
    ['next month', '2026-04'],
    ['next year', '2027'],
    ['in 3 days', '2026-03-13'],
    ['in two weeks', '2026-03-24'],
    ['in a month', '2026-04'],
    ['someday', undefined],
  ];

  it.each(cases)('resolves "%s" against a Tuesday', (phrase, resolved) => {
    expect(resolveRelativeDate(phrase, TUESDAY)).toBe(resolved);
  });

  it('rolls over the end of the year', () => {
    expect(resolveRelativeDate('tomorrow', '2026-12-31')).toBe('2027-01-01');
    expect(resolveRelativeDate('next month', '2026-12-15')).toBe('2027-01');
  });

  it('resolves nothing when today is not a date', () => {
    expect(resolveRelativeDate('tomorrow', 'soon')).toBeUndefined();
  });
});
