import { isDateOnly, type FilterCondition, type FilterScalar } from '@mnemo/contracts';
import { anyOf, negate, sql, type SqlFragment } from './sql-fragment';
import { unsupportedCondition } from './unsupported-filter.error';

/** A DATETIME column compared with an instant, or with a whole UTC day; a DATE column by day. */
type DateOperand = { kind: 'point'; at: string } | { kind: 'span'; from: string; to: string };

export type DateColumnType = 'datetime' | 'date';

function nextDay(day: string): string {
  const date = new Date(`${day}T00:00:00.000Z`);
  date.setUTCDate(date.getUTCDate() + 1);
  return date.toISOString().slice(0, 10);
}

/** Values arrive normalised by the parser: `YYYY-MM-DD` or UTC `YYYY-MM-DDTHH:MM:SS.sssZ`. */
function operand(value: FilterScalar, type: DateColumnType): DateOperand {
  const text = String(value);
  if (type === 'date') return { kind: 'point', at: text.slice(0, 10) };
  if (!isDateOnly(text)) return { kind: 'point', at: text.slice(0, 23).replace('T', ' ') };
  return { kind: 'span', from: `${text} 00:00:00.000`, to: `${nextDay(text)} 00:00:00.000` };
}

function equals(column: SqlFragment, value: DateOperand): SqlFragment {
  return value.kind === 'point'
    ? sql`${column} = ${value.at}`
    : sql`(${column} >= ${value.from} AND ${column} < ${value.to})`;
}

function compare(column: SqlFragment, op: 'gt' | 'gte' | 'lt' | 'lte', value: DateOperand) {
  const start = value.kind === 'point' ? value.at : value.from;
  switch (op) {
    case 'gt':
      return value.kind === 'point' ? sql`${column} > ${start}` : sql`${column} >= ${value.to}`;
    case 'gte':
      return sql`${column} >= ${start}`;
    case 'lt':
      return sql`${column} < ${start}`;
    case 'lte':
      return value.kind === 'point' ? sql`${column} <= ${start}` : sql`${column} < ${value.to}`;
  }
}

/** A bare day means that whole day: `lte "2024-07-31"` includes the 31st, `gt` starts the day after. */
export function dateCondition(
  column: SqlFragment,
  type: DateColumnType,
  condition: FilterCondition,
): SqlFragment {
  switch (condition.op) {
    case 'eq':
      return equals(column, operand(condition.value, type));
    case 'ne':
      return negate(equals(column, operand(condition.value, type)));
    case 'in':
      return anyOf(condition.value.map((value) => equals(column, operand(value, type))));
    case 'nin':
      return negate(anyOf(condition.value.map((value) => equals(column, operand(value, type)))));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return compare(column, condition.op, operand(condition.value, type));
    case 'exists':
      return sql`${column} IS NOT NULL`;
    case 'contains':
    case 'icontains':
      throw unsupportedCondition(condition);
  }
}
