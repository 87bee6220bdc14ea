import { DomainError } from '../errors';
import { maxFilterDepth, parseFilters } from './filter.parser';
import type { FilterDialect } from './filter.types';

const allowList =
  "['AND', 'OR', 'NOT', 'user_id', 'agent_id', 'app_id', 'run_id', 'created_at', 'updated_at', " +
  "'timestamp', 'expiration_date', 'categories', 'metadata', 'keywords', 'memory_ids', 'text', " +
  "'keywords_search']";

function rejection(input: unknown, dialect: FilterDialect = 'platform'): DomainError {
  try {
    parseFilters(input, { dialect });
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error(`accepted ${JSON.stringify(input)}`);
}

function nested(depth: number): unknown {
  let filters: unknown = { user_id: 'u' };
  for (let i = 0; i < depth; i += 1) filters = { AND: [filters] };
  return filters;
}

const cases: Array<[string, unknown, string, FilterDialect?]> = [
  ['a non-object', ['user_id'], 'Filters must be a JSON object'],
  ['null', null, 'Filters must be a JSON object'],
  [
    'an unknown top-level key',
    { foo: 1 },
    `Top-level key must be a logical operator or an allowed field: ${allowList} (got "foo")`,
  ],
  [
    'an unknown nested key',
    { OR: [{ user_id: 'u' }, { score: 1 }] },
    `Top-level key must be a logical operator or an allowed field: ${allowList} (got "score")`,
  ],
  [
    'actor_id on the Platform',
    { actor_id: 'a' },
    `Top-level key must be a logical operator or an allowed field: ${allowList} (got "actor_id")`,
  ],
  [
    'lowercase and',
    { and: [] },
    `Top-level key must be a logical operator or an allowed field: ${allowList} (got "and")`,
  ],
  [
    'an AND that is not a list',
    { AND: { user_id: 'u' } },
    '"AND" expects a non-empty list of filter objects',
  ],
  ['an empty OR', { OR: [] }, '"OR" expects a non-empty list of filter objects'],
  ['an OR entry that is not an object', { OR: ['u'] }, 'Each entry of "OR" must be a JSON object'],
  [
    'an empty NOT list',
    { NOT: [] },
    '"NOT" expects a filter object or a non-empty list of filter objects',
  ],
  [
    'a NOT string',
    { NOT: 'u' },
    '"NOT" expects a filter object or a non-empty list of filter objects',
  ],
  [
    'a NOT list entry that is not an object',
    { NOT: [[]] },
    'Each entry of "NOT" must be a JSON object',
  ],
  [
    'nesting too deep',
    nested(maxFilterDepth + 1),
    `Filters are nested deeper than ${maxFilterDepth} levels`,
  ],
  [
    'an unknown operator',
    { user_id: { regex: 'a.*' } },
    'Unsupported operator "regex" for field "user_id"; allowed: eq, ne, in, *',
  ],
  [
    'a SQL operator',
    { created_at: { '>=': '2024-01-01' } },
    'Unsupported operator ">=" for field "created_at"; allowed: eq, ne, in, gt, gte, lt, lte, *',
  ],
  [
    'nin on the Platform',
    { user_id: { nin: ['a'] } },
    'Unsupported operator "nin" for field "user_id"; allowed: eq, ne, in, *',
  ],
  [
    'gt on an entity id',
    { agent_id: { gt: 'a' } },
    'Unsupported operator "gt" for field "agent_id"; allowed: eq, ne, in, *',
  ],
  ['an empty operator object', { user_id: {} }, 'Operator object for field "user_id" is empty'],
  [
    'explicit eq on a date',
    { created_at: { eq: '2024-01-01' } },
    'Explicit "eq" is not allowed for date field "created_at"; pass a bare value instead',
  ],
  [
    'a bare category',
    { categories: 'work' },
    'Unsupported operator "eq" for field "categories" (a bare value means "eq"); allowed: in, contains, *',
  ],
  [
    'ne on categories',
    { categories: { ne: 'work' } },
    'Unsupported operator "ne" for field "categories"; allowed: in, contains, *',
  ],
  [
    'in on a metadata key',
    { metadata: { k: { in: ['a'] } } },
    'Unsupported operator "in" for field "metadata.k"; allowed: eq, ne, contains, *',
  ],
  [
    'gt on a metadata key',
    { metadata: { k: { gt: 1 } } },
    'Unsupported operator "gt" for field "metadata.k"; allowed: eq, ne, contains, *',
  ],
  [
    'a nested metadata object',
    { metadata: { a: { b: 1 } } },
    'Unsupported operator "b" for field "metadata.a"; allowed: eq, ne, contains, *',
  ],
  [
    '* on keywords',
    { keywords: '*' },
    'Unsupported operator "*" for field "keywords"; allowed: contains, icontains',
  ],
  [
    'a bare keyword',
    { keywords: 'x' },
    'Unsupported operator "eq" for field "keywords" (a bare value means "eq"); allowed: contains, icontains',
  ],
  [
    'a bare list on text',
    { text: ['x'] },
    'Unsupported operator "in" for field "text" (a bare list means "in"); allowed: eq, ne, contains, icontains',
  ],
  [
    'a bare memory id',
    { memory_ids: 'x' },
    'Unsupported operator "eq" for field "memory_ids" (a bare value means "eq"); allowed: in',
  ],
  [
    'gt on categories in oss',
    { categories: { gt: 'a' } },
    'Unsupported operator "gt" for field "categories"; allowed: in, nin, contains, *',
    'oss',
  ],
  [
    'metadata that is not an object',
    { metadata: 'x' },
    'Field "metadata" expects an object of metadata keys',
  ],
  [
    'an empty metadata key',
    { metadata: { '': 1 } },
    'Metadata key must be 1 to 255 characters without control characters (got "")',
  ],
  [
    'a metadata key with a newline',
    { 'a\nb': 1 },
    'Metadata key must be 1 to 255 characters without control characters (got "a\\nb")',
    'oss',
  ],
  [
    'in without a list',
    { user_id: { in: 'a' } },
    'Operator "in" on field "user_id" expects a list',
  ],
  [
    'an in list too long',
    { memory_ids: Array.from({ length: 1001 }, (_, i) => `m${i}`) },
    'Operator "in" on field "memory_ids" accepts at most 1000 values',
  ],
  ['a null value', { user_id: null }, 'Value for "eq" on field "user_id" must not be null'],
  [
    'a null in a list',
    { user_id: { in: ['a', null] } },
    'Value for "in" on field "user_id" must not be null',
  ],
  [
    'a numeric id',
    { user_id: 5 },
    'Value for "eq" on field "user_id" must be a non-empty string (got 5)',
  ],
  [
    'an empty id',
    { run_id: '' },
    'Value for "eq" on field "run_id" must be a non-empty string (got "")',
  ],
  [
    'a number to contain',
    { metadata: { k: { contains: 5 } } },
    'Value for "contains" on field "metadata.k" must be a non-empty string (got 5)',
  ],
  [
    'a boolean to order',
    { score: { gt: true } },
    'Value for "gt" on field "metadata.score" must be a string or a number (got true)',
    'oss',
  ],
  [
    'an object in a metadata list',
    { score: { in: [{ a: 1 }] } },
    'Value for "in" on field "metadata.score" must be a string, a number or a boolean (got {"a":1})',
    'oss',
  ],
  [
    'an impossible date',
    { created_at: '2024-02-30' },
    'Value for field "created_at" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got "2024-02-30")',
  ],
  [
    'a date in another format',
    { updated_at: { gt: '07/01/2024' } },
    'Value for field "updated_at" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got "07/01/2024")',
  ],
  [
    'an impossible hour',
    { created_at: { lt: '2024-01-01T24:00:00Z' } },
    'Value for field "created_at" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got "2024-01-01T24:00:00Z")',
  ],
  [
    'a boolean date',
    { expiration_date: { lt: true } },
    'Value for field "expiration_date" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got true)',
  ],
];

cases.push([
  'a long value, cut short',
  { score: { gt: Array.from({ length: 50 }, () => 1) } },
  `Value for "gt" on field "metadata.score" must be a string or a number (got [${'1,'.repeat(38)}...)`,
  'oss',
]);

const rows = cases.map(([name, input, message, dialect]) => ({ name, input, message, dialect }));

describe(`${parseFilters.name} rejections`, () => {
  it.each(rows)('rejects $name with a message naming it', ({ input, message, dialect }) => {
    const error = rejection(input, dialect);
    expect(error.code).toBe('validation_failed');
    expect(error.message).toBe(message);
  });
});
