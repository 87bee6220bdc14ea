/** A piece of SQL with its `?` parameters, in order; user input only ever travels as a parameter. */
export class SqlFragment {
  constructor(
    readonly sql: string,
    readonly params: readonly unknown[] = [],
  ) {}
}

/** Trusted SQL text (fixed column names, keywords); never pass user input here. */
export function raw(text: string): SqlFragment {
  return new SqlFragment(text);
}

/** Template tag: interpolated fragments are spliced in, every other value becomes a `?` parameter. */
export function sql(strings: TemplateStringsArray, ...values: unknown[]): SqlFragment {
  let text = strings[0];
  const params: unknown[] = [];
  values.forEach((value, i) => {
    if (value instanceof SqlFragment) {
      text += value.sql;
      params.push(...value.params);
    } else {
      text += '?';
      params.push(value);
    }
    text += strings[i + 1];
  });
  return new SqlFragment(text, params);
}

export const matchAll = raw('1=1');
export const matchNothing = raw('1=0');

export function join(
  parts: readonly SqlFragment[],
  separator: ' AND ' | ' OR ' | ', ',
): SqlFragment {
  return new SqlFragment(
    parts.map((part) => part.sql).join(separator),
    parts.flatMap((part) => part.params),
  );
}

/** OR of the parts in parentheses; none matches nothing (an empty `in` list). */
export function anyOf(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.length === 0) return matchNothing;
  return parts.length === 1 ? parts[0] : sql`(${join(parts, ' OR ')})`;
}

/** AND of the parts in parentheses; none matches everything. */
export function everyOf(parts: readonly SqlFragment[]): SqlFragment {
  if (parts.length === 0) return matchAll;
  return parts.length === 1 ? parts[0] : sql`(${join(parts, ' AND ')})`;
}

/** Two-valued negation: a condition that is NULL for a row (a missing value) counts as not matching. */
export function negate(part: SqlFragment): SqlFragment {
  if (part === matchNothing) return matchAll;
  if (part === matchAll) return matchNothing;
  return sql`(${part}) IS NOT TRUE`;
}

/** `?, ?, ?` for a list of values. */
export function placeholders(values: readonly unknown[]): SqlFragment {
  return join(
    values.map((value) => sql`${value}`),
    ', ',
  );
}

/** Escape character for LIKE: `!` works whether or not NO_BACKSLASH_ESCAPES is set. */
export const likeEscape = raw(`ESCAPE '!'`);

/** A LIKE pattern matching `text` anywhere, its own wildcards taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, '!$&')}%`;
}
