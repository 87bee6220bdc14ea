/** Values as rows give them back: DATETIME as Date (or text), JSON as text on MariaDB. */
export function isoTime(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

export function jsonValue(value: unknown): unknown {
  if (typeof value !== 'string') return value ?? null;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

export function nullableText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

export function nullableNumber(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
