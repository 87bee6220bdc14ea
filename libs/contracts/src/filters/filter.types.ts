/** The two filter grammars Mnemo speaks: the hosted Platform's and the open-source server's. */
export type FilterDialect = 'platform' | 'oss';

export const logicalKeys = ['AND', 'OR', 'NOT'] as const;
export type LogicalKey = (typeof logicalKeys)[number];

export const entityFields = ['user_id', 'agent_id', 'app_id', 'run_id'] as const;
export type EntityField = (typeof entityFields)[number];

export const dateFields = ['created_at', 'updated_at', 'timestamp', 'expiration_date'] as const;
export type DateField = (typeof dateFields)[number];

/** Named fields that map to columns (or derived columns) of a stored memory. */
export const columnFields = [
  ...entityFields,
  'actor_id',
  'role',
  ...dateFields,
  'categories',
  'keywords',
  'keywords_search',
  'memory_ids',
  'text',
] as const;
export type ColumnField = (typeof columnFields)[number];

export type MetadataField = { metadata: string };
export type FilterField = ColumnField | MetadataField;

export const comparisonOps = [
  'eq',
  'ne',
  'gt',
  'gte',
  'lt',
  'lte',
  'contains',
  'icontains',
] as const;
export type ComparisonOp = (typeof comparisonOps)[number];
export const listOps = ['in', 'nin'] as const;
export type ListOp = (typeof listOps)[number];
export type FilterOp = ComparisonOp | ListOp | 'exists';
export const filterOps: readonly FilterOp[] = [...comparisonOps, ...listOps, 'exists'];

export type FilterScalar = string | number | boolean;

export type ComparisonCondition = {
  type: 'condition';
  field: FilterField;
  op: ComparisonOp;
  value: FilterScalar;
};
export type ListCondition = {
  type: 'condition';
  field: FilterField;
  op: ListOp;
  value: FilterScalar[];
};
/** `"*"` in the wire grammar: the field holds a non-null value. */
export type ExistsCondition = { type: 'condition'; field: FilterField; op: 'exists'; value: true };
export type FilterCondition = ComparisonCondition | ListCondition | ExistsCondition;

/** An empty `and` matches everything; parsed `or`/`not` are never empty. */
export type FilterNode =
  | { type: 'and'; children: FilterNode[] }
  | { type: 'or'; children: FilterNode[] }
  | { type: 'not'; child: FilterNode }
  | FilterCondition;

export function isMetadataField(field: FilterField): field is MetadataField {
  return typeof field === 'object';
}

export function fieldLabel(field: FilterField): string {
  return isMetadataField(field) ? `metadata.${field.metadata}` : field;
}
