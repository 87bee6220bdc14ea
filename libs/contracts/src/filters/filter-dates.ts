import { filterError, shown } from './filter.errors';

const dateOnlyPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const dateTimePattern =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?$/;

/** A calendar day or an instant, normalised: `YYYY-MM-DD` or UTC `YYYY-MM-DDTHH:MM:SS.sssZ`. */
export type NormalisedDate = string;

export function isDateOnly(value: NormalisedDate): boolean {
  return value.length === 10;
}

function isRealDay(year: string, month: string, day: string): boolean {
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  return (
    date.getUTCFullYear() === Number(year) &&
    date.getUTCMonth() === Number(month) - 1 &&
    date.getUTCDate() === Number(day)
  );
}

function offsetOf(raw: string | undefined): string {
  if (raw === undefined || raw === 'Z' || raw === 'z') return 'Z';
  const digits = raw.slice(1).replace(':', '');
  return `${raw[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || '00'}`;
}

function fromIsoString(text: string): NormalisedDate | undefined {
  const day = dateOnlyPattern.exec(text);
  if (day) return isRealDay(day[1], day[2], day[3]) ? text : undefined;
  const m = dateTimePattern.exec(text);
  if (!m || !isRealDay(m[1], m[2], m[3])) return undefined;
  const [hour, minute, second = '00'] = [m[4], m[5], m[6]];
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return undefined;
  const millis = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
  const iso = `${m[1]}-${m[2]}-${m[3]}T${hour}:${minute}:${second}.${millis}${offsetOf(m[8])}`;
  return toUtcIso(Date.parse(iso));
}

function toUtcIso(epochMs: number): NormalisedDate | undefined {
  if (!Number.isFinite(epochMs)) return undefined;
  const iso = new Date(epochMs).toISOString();
  return /^\d{4}-/.test(iso) ? iso : undefined;
}

/** Accepts `YYYY-MM-DD`, ISO datetimes (no offset means UTC) and unix epoch seconds. */
export function normaliseDate(value: unknown, fieldLabel: string): NormalisedDate {
  const normalised =
    typeof value === 'string'
      ? fromIsoString(value.trim())
      : typeof value === 'number'
        ? toUtcIso(value * 1000)
        : undefined;
  if (normalised === undefined) {
    throw filterError(
      `Value for field "${fieldLabel}" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got ${shown(value)})`,
    );
  }
  return normalised;
}
