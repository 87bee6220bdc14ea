import {
  andOf,
  entityFields,
  isMetadataField,
  type EntityField,
  type FilterNode,
  type MemoryRecord,
} from '@mnemo/contracts';

/** An entity id a search is pinned to: one `eq` at the top level of its filter. */
export interface ScopeCondition {
  field: EntityField;
  value: string;
}

export interface IndexScope {
  projectId: string;
  conditions: ScopeCondition[];
  /** identifies the scope in the index */
  key: string;
}

export interface SplitFilter {
  scope: IndexScope;
  /** false when the filter is only the scope: no id set from SQL is needed */
  narrowed: boolean;
}

const recordField = {
  user_id: 'userId',
  agent_id: 'agentId',
  app_id: 'appId',
  run_id: 'runId',
} as const satisfies Record<EntityField, keyof MemoryRecord>;

/** Top-level entity `eq`s pick the scope (possibly the whole project); the rest narrows it. */
export function splitFilter(projectId: string, filter: FilterNode): SplitFilter {
  const parts = filter.type === 'and' ? filter.children : [filter];
  const conditions: ScopeCondition[] = [];
  for (const part of parts) {
    const condition = scopeCondition(part);
    if (condition) conditions.push(condition);
  }
  conditions.sort((a, b) =>
    a.field === b.field ? (a.value < b.value ? -1 : 1) : a.field < b.field ? -1 : 1,
  );
  const key = JSON.stringify([projectId, conditions.map((c) => [c.field, c.value])]);
  return {
    scope: { projectId, conditions, key },
    narrowed: conditions.length < parts.length,
  };
}

function scopeCondition(node: FilterNode): ScopeCondition | undefined {
  if (node.type !== 'condition' || node.op !== 'eq' || isMetadataField(node.field)) return;
  const field = node.field as EntityField;
  if (!entityFields.includes(field) || typeof node.value !== 'string') return;
  return { field, value: node.value };
}

/** The scope as a filter, so SQL decides membership exactly as the search's own filter would. */
export function scopeFilter(scope: IndexScope): FilterNode {
  return andOf(
    scope.conditions.map((c) => ({ type: 'condition', field: c.field, op: 'eq', value: c.value })),
  );
}

/**
 * Whether a written memory belongs to the scope: `undefined` when only the column's PAD SPACE
 * comparison could tell (ids differing in trailing spaces), so the caller reloads instead.
 */
export function belongsTo(scope: IndexScope, record: MemoryRecord): boolean | undefined {
  let verdict: boolean | undefined = true;
  for (const { field, value } of scope.conditions) {
    const actual = record[recordField[field]];
    if (actual === value) continue;
    if (actual === null || actual.trimEnd() !== value.trimEnd()) return false;
    verdict = undefined;
  }
  return verdict;
}
