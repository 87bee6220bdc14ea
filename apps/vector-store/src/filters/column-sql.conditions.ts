import type { FilterCondition, FilterScalar } from '@mnemo/contracts';
import {
  containsPattern,
  likeEscape,
  matchNothing,
  negate,
  placeholders,
  sql,
  type SqlFragment,
} from './sql-fragment';
import { unsupportedCondition } from './unsupported-filter.error';

/**
 * How a string column is compared for equality under the table's case-insensitive collation:
 * `scoped` (indexed entity ids) keeps the index-friendly comparison and refines it byte-exactly,
 * `binary` compares byte-exactly only, `plain` keeps the collation (UUIDs).
 */
export type StringColumnKind = 'scoped' | 'binary' | 'plain';

function exactly(column: SqlFragment, kind: StringColumnKind, values: FilterScalar[]): SqlFragment {
  if (values.length === 0) return matchNothing;
  const test = (target: SqlFragment) =>
    values.length === 1
      ? sql`${target} = ${values[0]}`
      : sql`${target} IN (${placeholders(values)})`;
  const binary = sql`${column} COLLATE utf8mb4_bin`;
  if (kind === 'plain') return test(column);
  if (kind === 'binary') return test(binary);
  return sql`(${test(column)} AND ${test(binary)})`;
}

/** Case-sensitive substring; the icontains form lowers both sides under a binary collation. */
export function substring(column: SqlFragment, text: string, caseSensitive: boolean): SqlFragment {
  const pattern = containsPattern(String(text));
  return caseSensitive
    ? sql`${column} COLLATE utf8mb4_bin LIKE ${pattern} ${likeEscape}`
    : sql`LOWER(${column}) COLLATE utf8mb4_bin LIKE LOWER(${pattern}) ${likeEscape}`;
}

/** Conditions on the id, entity, role and memory-text columns. */
export function stringColumnCondition(
  column: SqlFragment,
  kind: StringColumnKind,
  condition: FilterCondition,
): SqlFragment {
  switch (condition.op) {
    case 'eq':
      return exactly(column, kind, [condition.value]);
    case 'ne':
      return negate(exactly(column, kind, [condition.value]));
    case 'in':
      return exactly(column, kind, condition.value);
    case 'nin':
      return negate(exactly(column, kind, condition.value));
    case 'exists':
      return sql`${column} IS NOT NULL`;
    case 'contains':
      return substring(column, String(condition.value), true);
    case 'icontains':
      return substring(column, String(condition.value), false);
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      throw unsupportedCondition(condition);
  }
}
