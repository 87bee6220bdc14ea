import type { FilterCondition, FilterScalar } from '@mnemo/contracts';
import {
  anyOf,
  containsPattern,
  likeEscape,
  negate,
  raw,
  sql,
  type SqlFragment,
} from './sql-fragment';
import { unsupportedCondition } from './unsupported-filter.error';

type Comparison = '=' | '>' | '>=' | '<' | '<=';
const comparisons = { eq: '=', gt: '>', gte: '>=', lt: '<', lte: '<=' } as const;

// JSON_TYPE names numbers differently per engine; this set covers MariaDB, MySQL and TiDB.
const numericTypes = raw(`('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL')`);

/** A JSON path selecting one top-level key, quoted so dots, spaces and quotes stay literal. */
export function metadataPath(key: string): string {
  return `$."${key.replace(/["\\]/g, '\\$&')}"`;
}

/** One typed comparison: strings compare as strings (byte-exact), numbers as numbers, booleans as such. */
function typed(value: SqlFragment, comparison: Comparison, operand: FilterScalar): SqlFragment {
  const op = raw(comparison);
  if (typeof operand === 'number') {
    // CASE keeps non-numbers from ever being cast: strict mode turns that warning into an error.
    return sql`((CASE WHEN JSON_TYPE(${value}) IN ${numericTypes} THEN JSON_UNQUOTE(${value}) + 0 END) ${op} ${operand})`;
  }
  if (typeof operand === 'boolean') {
    return sql`(JSON_TYPE(${value}) = 'BOOLEAN' AND JSON_UNQUOTE(${value}) = ${String(operand)})`;
  }
  return sql`(JSON_TYPE(${value}) = 'STRING' AND JSON_UNQUOTE(${value}) COLLATE utf8mb4_bin ${op} ${operand})`;
}

/** Substring of a string value, or membership in an array value (exact, or ignoring case). */
function contains(value: SqlFragment, text: string, caseSensitive: boolean): SqlFragment {
  const pattern = containsPattern(text);
  const element = JSON.stringify(text);
  const asString = caseSensitive
    ? sql`JSON_UNQUOTE(${value}) COLLATE utf8mb4_bin LIKE ${pattern} ${likeEscape}`
    : sql`LOWER(JSON_UNQUOTE(${value})) COLLATE utf8mb4_bin LIKE LOWER(${pattern}) ${likeEscape}`;
  const inArray = caseSensitive
    ? sql`JSON_CONTAINS(${value}, ${element})`
    : sql`JSON_CONTAINS(LOWER(${value}), LOWER(${element}))`;
  return sql`((JSON_TYPE(${value}) = 'STRING' AND ${asString}) OR (JSON_TYPE(${value}) = 'ARRAY' AND ${inArray}))`;
}

/** Conditions on one metadata key; `ne`/`nin` also match rows without the key (Mem0 semantics). */
export function metadataCondition(
  column: SqlFragment,
  key: string,
  condition: FilterCondition,
): SqlFragment {
  const value = sql`JSON_EXTRACT(${column}, ${metadataPath(key)})`;
  switch (condition.op) {
    case 'eq':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return typed(value, comparisons[condition.op], condition.value);
    case 'ne':
      return negate(typed(value, '=', condition.value));
    case 'in':
      return anyOf(condition.value.map((item) => typed(value, '=', item)));
    case 'nin':
      return negate(anyOf(condition.value.map((item) => typed(value, '=', item))));
    case 'contains':
    case 'icontains':
      return contains(value, String(condition.value), condition.op === 'contains');
    case 'exists':
      return sql`JSON_TYPE(${value}) <> 'NULL'`;
  }
}

function anyCategory(column: SqlFragment, values: FilterScalar[]): SqlFragment {
  return anyOf(values.map((item) => sql`JSON_CONTAINS(${column}, ${JSON.stringify(item)})`));
}

/** `categories` holds a JSON array of names: `in` matches any name, `contains` any substring (ci). */
export function categoriesCondition(column: SqlFragment, condition: FilterCondition): SqlFragment {
  switch (condition.op) {
    case 'in':
      return anyCategory(column, condition.value);
    case 'nin':
      return negate(anyCategory(column, condition.value));
    case 'contains':
    case 'icontains': {
      const pattern = containsPattern(String(condition.value));
      return sql`JSON_SEARCH(LOWER(${column}), 'one', LOWER(${pattern}), '!') IS NOT NULL`;
    }
    case 'exists':
      return sql`JSON_LENGTH(${column}) > 0`;
    case 'eq':
    case 'ne':
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      throw unsupportedCondition(condition);
  }
}
