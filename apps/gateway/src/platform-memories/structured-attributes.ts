export interface StructuredAttributes {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  quarter: number;
  is_weekend: boolean;
  day_of_week: string;
  day_of_year: number;
  week_of_year: number;
}

const dayNames = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const dayMs = 86_400_000;

/** The calendar facts of a memory's creation time (UTC), as the Platform attaches them. */
export function structuredAttributes(iso: string): StructuredAttributes | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const weekday = date.getUTCDay();
  const month = date.getUTCMonth() + 1;
  const startOfYear = Date.UTC(date.getUTCFullYear(), 0, 1);
  const midnight = Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate());
  return {
    year: date.getUTCFullYear(),
    month,
    day: date.getUTCDate(),
    hour: date.getUTCHours(),
    minute: date.getUTCMinutes(),
    quarter: Math.ceil(month / 3),
    is_weekend: weekday === 0 || weekday === 6,
    day_of_week: dayNames[weekday],
    day_of_year: Math.round((midnight - startOfYear) / dayMs) + 1,
    week_of_year: isoWeek(midnight, weekday),
  };
}

/** ISO-8601 week number: the week holding the year's first Thursday is week 1. */
function isoWeek(midnight: number, weekday: number): number {
  const thursday = midnight + (4 - (weekday === 0 ? 7 : weekday)) * dayMs;
  const yearStart = Date.UTC(new Date(thursday).getUTCFullYear(), 0, 1);
  return Math.floor((thursday - yearStart) / dayMs / 7) + 1;
}
