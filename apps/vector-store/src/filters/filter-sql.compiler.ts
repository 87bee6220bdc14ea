import {
  DomainError,
  isMetadataField,
  type ColumnField,
  type FilterCondition,
  type FilterNode,
} from '@mnemo/contracts';
import { stringColumnCondition, substring } from './column-sql.conditions';
import { dateCondition } from './date-sql.conditions';
import { categoriesCondition, metadataCondition } from './json-sql.conditions';
import { everyOf, anyOf, negate, raw, type SqlFragment } from './sql-fragment';
import { unsupportedCondition } from './unsupported-filter.error';

export interface CompileFilterOptions {
  /** Alias of the `memories` table in the surrounding query, e.g. `m`. */
  tableAlias?: string;
}

export interface CompiledFilter {
  sql: string;
  params: unknown[];
}

type Column = (name: string) => SqlFragment;

/** Every column name the compiler can emit; nothing from a request ever becomes SQL text. */
const columnOf = {
  user_id: 'user_id',
  agent_id: 'agent_id',
  app_id: 'app_id',
  run_id: 'run_id',
  actor_id: 'actor_id',
  role: 'role',
  created_at: 'created_at',
  updated_at: 'updated_at',
  timestamp: 'created_at',
  expiration_date: 'expiration_date',
  categories: 'categories',
  keywords: 'memory',
  keywords_search: 'memory',
  memory_ids: 'id',
  text: 'memory',
} as const satisfies Record<ColumnField, string>;

function columnCondition(field: ColumnField, condition: FilterCondition, column: Column) {
  const target = column(columnOf[field]);
  switch (field) {
    case 'user_id':
    case 'agent_id':
    case 'app_id':
    case 'run_id':
    case 'actor_id':
    case 'role':
      return stringColumnCondition(target, 'scoped', condition);
    case 'created_at':
    case 'updated_at':
    case 'timestamp':
      return dateCondition(target, 'datetime', condition);
    case 'expiration_date':
      return dateCondition(target, 'date', condition);
    case 'categories':
      return categoriesCondition(target, condition);
    case 'memory_ids':
      return stringColumnCondition(target, 'plain', condition);
    case 'text':
      return stringColumnCondition(target, 'binary', condition);
    case 'keywords':
    case 'keywords_search':
      if (condition.op !== 'contains' && condition.op !== 'icontains') {
        throw unsupportedCondition(condition);
      }
      return substring(target, String(condition.value), condition.op === 'contains');
  }
}

function compileNode(node: FilterNode, column: Column): SqlFragment {
  switch (node.type) {
    case 'and':
      return everyOf(node.children.map((child) => compileNode(child, column)));
    case 'or':
      return anyOf(node.children.map((child) => compileNode(child, column)));
    case 'not':
      return negate(compileNode(node.child, column));
    case 'condition':
      return isMetadataField(node.field)
        ? metadataCondition(column('metadata'), node.field.metadata, node)
        : columnCondition(node.field, node, column);
  }
}

/**
 * Compiles a parsed filter into a WHERE fragment over `memories` with `?` placeholders, portable
 * across MariaDB 10.11, MySQL 8 and TiDB. An empty AND compiles to `1=1`, an empty `in` to `1=0`.
 */
export function compileFilter(
  node: FilterNode,
  options: CompileFilterOptions = {},
): CompiledFilter {
  const alias = options.tableAlias;
  if (alias !== undefined && !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(alias)) {
    throw new DomainError('internal', `Invalid table alias "${alias}"`);
  }
  const column: Column = (name) => raw(alias ? `${alias}.${name}` : name);
  const fragment = compileNode(node, column);
  return { sql: fragment.sql, params: [...fragment.params] };
}
