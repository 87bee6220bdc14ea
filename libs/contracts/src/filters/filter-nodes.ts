import {
  entityFields,
  isMetadataField,
  type EntityField,
  type FilterDialect,
  type FilterNode,
} from './filter.types';

/** AND of nodes: nested ANDs are flattened and a single child stands alone; none means "match all". */
export function andOf(nodes: readonly FilterNode[]): FilterNode {
  const children = nodes.flatMap((node) => (node.type === 'and' ? node.children : [node]));
  return children.length === 1 ? children[0] : { type: 'and', children };
}

/** OR of nodes: nested ORs are flattened and a single child stands alone; none means "match nothing". */
export function orOf(nodes: readonly FilterNode[]): FilterNode {
  const children = nodes.flatMap((node) => (node.type === 'or' ? node.children : [node]));
  return children.length === 1 ? children[0] : { type: 'or', children };
}

/** Merges filters from several sources (e.g. `filters` and deprecated top-level ids) with AND. */
export function allOf(...nodes: ReadonlyArray<FilterNode | undefined>): FilterNode {
  return andOf(nodes.filter((node): node is FilterNode => node !== undefined));
}

export interface EntityScopeOptions {
  /** The open-source server scopes by user, agent or run only; it has no app_id. */
  dialect?: FilterDialect;
}

/**
 * True when every row the filter can match is pinned to an entity: some user/agent/app/run id is
 * constrained with eq, in or `*` outside any NOT, on every OR branch (an unscoped branch leaks).
 */
export function hasEntityScope(node: FilterNode, options: EntityScopeOptions = {}): boolean {
  const scoped: readonly string[] =
    options.dialect === 'oss' ? ['user_id', 'agent_id', 'run_id'] : entityFields;
  const walk = (current: FilterNode): boolean => {
    switch (current.type) {
      case 'and':
        return current.children.some(walk);
      case 'or':
        return current.children.length > 0 && current.children.every(walk);
      case 'not':
        return false;
      case 'condition':
        return (
          !isMetadataField(current.field) &&
          scoped.includes(current.field) &&
          (current.op === 'eq' || current.op === 'in' || current.op === 'exists')
        );
    }
  };
  return walk(node);
}

export type EntityIds = Record<EntityField, string[]>;

/** The entity ids a filter names positively (eq/in outside any NOT), deduplicated, per field. */
export function entityIdsOf(node: FilterNode): EntityIds {
  const ids: EntityIds = { user_id: [], agent_id: [], app_id: [], run_id: [] };
  const add = (field: EntityField, value: unknown) => {
    if (typeof value === 'string' && !ids[field].includes(value)) ids[field].push(value);
  };
  const walk = (current: FilterNode): void => {
    if (current.type === 'and' || current.type === 'or') current.children.forEach(walk);
    if (current.type !== 'condition' || isMetadataField(current.field)) return;
    const field = current.field as EntityField;
    if (!entityFields.includes(field)) return;
    if (current.op === 'eq') add(field, current.value);
    if (current.op === 'in') current.value.forEach((value) => add(field, value));
  };
  walk(node);
  return ids;
}
