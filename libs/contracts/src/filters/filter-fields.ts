import {
  columnFields,
  dateFields,
  entityFields,
  logicalKeys,
  type ColumnField,
  type FilterDialect,
  type FilterField,
  type FilterOp,
} from './filter.types';

/** How a field's operands are validated. */
export type ValueKind = 'string' | 'date' | 'metadata';

export interface FieldRule {
  kind: ValueKind;
  ops: readonly FilterOp[];
  /** Platform dates take equality only as a bare value; an explicit `eq` is a 400 there. */
  explicitEq: boolean;
}

type RuleTable = Record<ColumnField | 'metadata', FieldRule | undefined>;

const rule = (kind: ValueKind, ops: readonly FilterOp[], explicitEq = true): FieldRule => ({
  kind,
  ops,
  explicitEq,
});

const entityRule = rule('string', ['eq', 'ne', 'in', 'exists']);
const entityRuleOss = rule('string', ['eq', 'ne', 'in', 'nin', 'exists']);
const dateRule = rule('date', ['eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'exists'], false);
const dateRuleOss = rule('date', ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'exists']);
const keywordsRule = rule('string', ['contains', 'icontains']);
const textRule = rule('string', ['eq', 'ne', 'contains', 'icontains']);

const platformRules: RuleTable = {
  user_id: entityRule,
  agent_id: entityRule,
  app_id: entityRule,
  run_id: entityRule,
  actor_id: undefined,
  role: undefined,
  created_at: dateRule,
  updated_at: dateRule,
  timestamp: dateRule,
  expiration_date: dateRule,
  categories: rule('string', ['in', 'contains', 'exists']),
  keywords: keywordsRule,
  keywords_search: keywordsRule,
  memory_ids: rule('string', ['in']),
  text: textRule,
  metadata: rule('metadata', ['eq', 'ne', 'contains', 'exists']),
};

const ossRules: RuleTable = {
  user_id: entityRuleOss,
  agent_id: entityRuleOss,
  app_id: entityRuleOss,
  run_id: entityRuleOss,
  actor_id: entityRuleOss,
  role: entityRuleOss,
  created_at: dateRuleOss,
  updated_at: dateRuleOss,
  timestamp: dateRuleOss,
  expiration_date: dateRuleOss,
  categories: rule('string', ['in', 'nin', 'contains', 'exists']),
  keywords: keywordsRule,
  keywords_search: keywordsRule,
  memory_ids: rule('string', ['in', 'nin']),
  text: textRule,
  metadata: rule('metadata', [
    'eq',
    'ne',
    'gt',
    'gte',
    'lt',
    'lte',
    'in',
    'nin',
    'contains',
    'icontains',
    'exists',
  ]),
};

export function ruleFor(field: FilterField, dialect: FilterDialect): FieldRule | undefined {
  const table = dialect === 'platform' ? platformRules : ossRules;
  return table[typeof field === 'object' ? 'metadata' : field];
}

/** The keys an object of the Platform grammar may hold, in the order its 400 message lists them. */
export const platformAllowedKeys: readonly string[] = [
  ...logicalKeys,
  ...entityFields,
  ...dateFields,
  'categories',
  'metadata',
  'keywords',
  'memory_ids',
  'text',
  'keywords_search',
];

export function isColumnField(key: string): key is ColumnField {
  return (columnFields as readonly string[]).includes(key);
}

/** The wire spelling of an operator: `exists` is written `"*"`. */
export function opLabel(op: FilterOp): string {
  return op === 'exists' ? '*' : op;
}
