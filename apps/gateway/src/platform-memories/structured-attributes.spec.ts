import { structuredAttributes } from './structured-attributes';

describe(structuredAttributes.name, () => {
  it('derives the calendar facts of a weekday in UTC', () => {
    expect(structuredAttributes('2024-07-16T10:30:45.000Z')).toEqual({
      year: 2024,
      month: 7,
      day: 16,
      hour: 10,
      minute: 30,
      quarter: 3,
      is_weekend: false,
      day_of_week: 'tuesday',
      day_of_year: 198,
      week_of_year: 29,
    });
  });

  it('marks weekends and counts ISO weeks across the new year', () => {
    expect(structuredAttributes('2021-01-03T23:59:00Z')).toMatchObject({
      is_weekend: true,
      day_of_week: 'sunday',
      day_of_year: 3,
      week_of_year: 53,
      quarter: 1,
    });
    expect(structuredAttributes('2024-12-30T00:00:00Z')).toMatchObject({
      day_of_week: 'monday',
      day_of_year: 365,
      week_of_year: 1,
      quarter: 4,
    });
  });

  it('returns null for a timestamp it cannot read', () => {
    expect(structuredAttributes('not a date')).toBeNull();
  });
});
