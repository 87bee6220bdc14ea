import { normaliseDate } from './filter-dates';
import {
  isColumnField,
  opLabel,
  platformAllowedKeys,
  ruleFor,
  type FieldRule,
} from './filter-fields';
import { andOf, orOf } from './filter-nodes';
import { filterError, shown } from './filter.errors';
import {
  comparisonOps,
  fieldLabel,
  listOps,
  type ComparisonOp,
  type FilterDialect,
  type FilterField,
  type FilterNode,
  type FilterOp,
  type FilterScalar,
  type ListOp,
} from './filter.types';

export interface ParseFiltersOptions {
  dialect: FilterDialect;
}

export const maxFilterDepth = 32;
export const maxFilterListLength = 1000;

/** Operators as written on the wire; `exists` is only ever spelled `"*"`. */
const wireOps: readonly string[] = [...comparisonOps, ...listOps];

interface Context {
  dialect: FilterDialect;
  depth: number;
}

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Parses Mem0's `filters` into a tree. Sibling keys are ANDed, so `{"AND": [...], "OR": [...]}`
 * means both (the Platform silently drops the OR there; Mnemo does not).
 */
export function parseFilters(input: unknown, options: ParseFiltersOptions): FilterNode {
  return parseObject(input, { dialect: options.dialect, depth: 0 }, 'Filters');
}

function parseObject(input: unknown, ctx: Context, what: string): FilterNode {
  if (!isObject(input)) throw filterError(`${what} must be a JSON object`);
  if (ctx.depth > maxFilterDepth) {
    throw filterError(`Filters are nested deeper than ${maxFilterDepth} levels`);
  }
  return andOf(Object.entries(input).map(([key, value]) => parseMember(key, value, ctx)));
}

function parseMember(key: string, value: unknown, ctx: Context): FilterNode {
  if (key === 'AND' || key === 'OR') return parseLogicalList(key, value, ctx);
  if (key === 'NOT') return parseNot(value, ctx);
  if (key === 'metadata') return parseMetadata(value, ctx);
  if (isColumnField(key) && ruleFor(key, ctx.dialect)) return parseField(key, value, ctx);
  if (ctx.dialect === 'oss') return parseField(metadataField(key), value, ctx);
  const allowed = platformAllowedKeys.map((name) => `'${name}'`).join(', ');
  throw filterError(
    `Top-level key must be a logical operator or an allowed field: [${allowed}] (got "${key}")`,
  );
}

function parseEntries(key: string, list: unknown[], ctx: Context): FilterNode[] {
  const inner = { ...ctx, depth: ctx.depth + 1 };
  return list.map((entry) => parseObject(entry, inner, `Each entry of "${key}"`));
}

function parseLogicalList(key: 'AND' | 'OR', value: unknown, ctx: Context): FilterNode {
  if (!Array.isArray(value) || value.length === 0) {
    throw filterError(`"${key}" expects a non-empty list of filter objects`);
  }
  const children = parseEntries(key, value, ctx);
  return key === 'AND' ? andOf(children) : orOf(children);
}

/** NOT is an object in the Platform docs and a list in the OSS docs; a list means "none of". */
function parseNot(value: unknown, ctx: Context): FilterNode {
  if (Array.isArray(value) && value.length > 0) {
    return { type: 'not', child: orOf(parseEntries('NOT', value, ctx)) };
  }
  if (isObject(value)) {
    return { type: 'not', child: parseObject(value, { ...ctx, depth: ctx.depth + 1 }, '"NOT"') };
  }
  throw filterError('"NOT" expects a filter object or a non-empty list of filter objects');
}

function metadataField(key: string): FilterField {
  // Control characters would need escaping inside a JSON path; no sane metadata key has them.
  if (key.length === 0 || key.length > 255 || /[\u0000-\u001f]/.test(key)) {
    throw filterError(
      `Metadata key must be 1 to 255 characters without control characters (got ${shown(key)})`,
    );
  }
  return { metadata: key };
}

function parseMetadata(value: unknown, ctx: Context): FilterNode {
  if (!isObject(value)) throw filterError('Field "metadata" expects an object of metadata keys');
  return andOf(
    Object.entries(value).map(([key, inner]) => parseField(metadataField(key), inner, ctx)),
  );
}

function parseField(field: FilterField, value: unknown, ctx: Context): FilterNode {
  const rule = ruleFor(field, ctx.dialect) as FieldRule;
  if (value === '*') return condition(field, rule, 'exists', true, 'implicit');
  if (Array.isArray(value)) return condition(field, rule, 'in', value, 'implicit');
  if (!isObject(value)) return condition(field, rule, 'eq', value, 'implicit');
  const entries = Object.entries(value);
  if (entries.length === 0) {
    throw filterError(`Operator object for field "${fieldLabel(field)}" is empty`);
  }
  return andOf(
    entries.map(([op, operand]) => {
      if (!wireOps.includes(op)) throw unsupported(field, rule, op, 'explicit');
      return condition(field, rule, op as FilterOp, operand, 'explicit');
    }),
  );
}

type Spelling = 'implicit' | 'explicit';

function unsupported(field: FilterField, rule: FieldRule, op: string, spelling: Spelling) {
  const hint =
    spelling === 'implicit' && op !== '*'
      ? ` (a bare ${op === 'in' ? 'list' : 'value'} means "${op}")`
      : '';
  const allowed = rule.ops.map(opLabel).join(', ');
  return filterError(
    `Unsupported operator "${op}" for field "${fieldLabel(field)}"${hint}; allowed: ${allowed}`,
  );
}

function condition(
  field: FilterField,
  rule: FieldRule,
  op: FilterOp,
  operand: unknown,
  spelling: Spelling,
): FilterNode {
  if (!rule.ops.includes(op)) throw unsupported(field, rule, opLabel(op), spelling);
  if (op === 'eq' && spelling === 'explicit' && !rule.explicitEq) {
    throw filterError(
      `Explicit "eq" is not allowed for date field "${fieldLabel(field)}"; pass a bare value instead`,
    );
  }
  if (op === 'exists') return { type: 'condition', field, op, value: true };
  if ((listOps as readonly string[]).includes(op)) {
    return {
      type: 'condition',
      field,
      op: op as ListOp,
      value: listOperand(field, rule, op, operand),
    };
  }
  const value = scalarOperand(field, rule, op, operand);
  return { type: 'condition', field, op: op as ComparisonOp, value };
}

function listOperand(field: FilterField, rule: FieldRule, op: FilterOp, operand: unknown) {
  const label = fieldLabel(field);
  if (!Array.isArray(operand)) {
    throw filterError(`Operator "${op}" on field "${label}" expects a list`);
  }
  if (operand.length > maxFilterListLength) {
    throw filterError(
      `Operator "${op}" on field "${label}" accepts at most ${maxFilterListLength} values`,
    );
  }
  return operand.map((item) => scalarOperand(field, rule, op, item));
}

interface Accepts {
  text: string;
  emptyString: boolean;
  number: boolean;
  boolean: boolean;
}

const stringsOnly: Accepts = {
  text: 'a non-empty string',
  emptyString: false,
  number: false,
  boolean: false,
};
const ordered: Accepts = {
  text: 'a string or a number',
  emptyString: true,
  number: true,
  boolean: false,
};
const anyScalar: Accepts = {
  text: 'a string, a number or a boolean',
  emptyString: true,
  number: true,
  boolean: true,
};

/** Metadata values keep their JSON type (numbers compare as numbers); named columns hold strings. */
function accepts(rule: FieldRule, op: FilterOp): Accepts {
  if (rule.kind !== 'metadata' || op === 'contains' || op === 'icontains') return stringsOnly;
  return op === 'gt' || op === 'gte' || op === 'lt' || op === 'lte' ? ordered : anyScalar;
}

function scalarOperand(
  field: FilterField,
  rule: FieldRule,
  op: FilterOp,
  operand: unknown,
): FilterScalar {
  const label = fieldLabel(field);
  if (operand === null || operand === undefined) {
    throw filterError(`Value for "${op}" on field "${label}" must not be null`);
  }
  if (rule.kind === 'date') return normaliseDate(operand, label);
  const accepted = accepts(rule, op);
  const ok =
    (typeof operand === 'string' && (operand.length > 0 || accepted.emptyString)) ||
    (typeof operand === 'number' && Number.isFinite(operand) && accepted.number) ||
    (typeof operand === 'boolean' && accepted.boolean);
  if (!ok) {
    throw filterError(
      `Value for "${op}" on field "${label}" must be ${accepted.text} (got ${shown(operand)})`,
    );
  }
  return operand;
}
