/** Resolves the common relative time phrases of a plan against today's date (YYYY-MM-DD, UTC). */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  ten: 10,
};
const DAY_MS = 86_400_000;
const DAY_OFFSETS: Record<string, number> = {
  today: 0,
  tonight: 0,
  'this morning': 0,
  'this afternoon': 0,
  'this evening': 0,
  tomorrow: 1,
  'the day after tomorrow': 2,
};

export const RELATIVE_TIME =
  /\b(?:the day after tomorrow|tomorrow|tonight|today|this (?:morning|afternoon|evening)|(?:this|next) (?:week|weekend|month|year)|(?:on |this |next )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|in (?:\d+|a|an|one|two|three|four|five|six|ten) (?:days?|weeks?|months?))\b/i;

/** The calendar meaning of `phrase` ("2026-03-11", "week of 2026-03-16", "2026-04"), if it is one we know. */
export function resolveRelativeDate(phrase: string, today: string): string | undefined {
  const base = parseDay(today);
  if (!base) return undefined;
  const text = phrase.toLowerCase().trim();
  const offset = DAY_OFFSETS[text];
  if (offset !== undefined) return formatDay(addDays(base, offset));
  const weekday =
    /^(?:(on|this|next) )?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/.exec(text);
  if (weekday)
    return formatDay(nextWeekday(base, WEEKDAYS.indexOf(weekday[2]), weekday[1] === 'next'));
  const span = /^(this|next) (week|weekend|month|year)$/.exec(text);
  if (span) return spanOf(base, span[1] === 'next', span[2]);
  const ahead = /^in (\S+) (day|week|month)s?$/.exec(text);
  if (ahead) return aheadOf(base, NUMBERS[ahead[1]] ?? Number(ahead[1]), ahead[2]);
  return undefined;
}

function spanOf(base: Date, next: boolean, unit: string): string {
  if (unit === 'week') return `week of ${formatDay(addDays(mondayOf(base), next ? 7 : 0))}`;
  if (unit === 'weekend') return `weekend of ${formatDay(addDays(mondayOf(base), next ? 12 : 5))}`;
  if (unit === 'month') return formatMonth(addMonths(base, next ? 1 : 0));
  return String(base.getUTCFullYear() + (next ? 1 : 0));
}

function aheadOf(base: Date, count: number, unit: string): string | undefined {
  if (!Number.isFinite(count)) return undefined;
  if (unit === 'day') return formatDay(addDays(base, count));
  if (unit === 'week') return formatDay(addDays(base, count * 7));
  return formatMonth(addMonths(base, count));
}

/** The coming `weekday` (today counts); with "next", the one in the following Monday-based week. */
function nextWeekday(base: Date, weekday: number, next: boolean): Date {
  if (next) return addDays(mondayOf(base), 7 + ((weekday + 6) % 7));
  return addDays(base, (weekday - base.getUTCDay() + 7) % 7);
}

function mondayOf(day: Date): Date {
  return addDays(day, -((day.getUTCDay() + 6) % 7));
}

function parseDay(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!match) return undefined;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(day.getTime()) ? undefined : day;
}

function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

function addMonths(day: Date, months: number): Date {
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + months, 1));
}

function formatDay(day: Date): string {
  return day.toISOString().slice(0, 10);
}

function formatMonth(day: Date): string {
  return day.toISOString().slice(0, 7);
}
