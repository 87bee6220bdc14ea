import { allOf, andOf, entityIdsOf, hasEntityScope, orOf } from './filter-nodes';
import { filterNodeSchema } from './filter-node.schema';
import { parseFilters } from './filter.parser';
import type { FilterNode } from './filter.types';

const platform = (input: unknown) => parseFilters(input, { dialect: 'platform' });
const user = (id: string): FilterNode => ({
  type: 'condition',
  field: 'user_id',
  op: 'eq',
  value: id,
});

describe(hasEntityScope.name, () => {
  it.each([
    ['an eq', { user_id: 'u' }],
    ['an in', { agent_id: { in: ['a'] } }],
    ['a *', { run_id: '*' }],
    ['an app id', { app_id: 'x' }],
    ['one AND branch', { AND: [{ categories: { in: ['a'] } }, { user_id: 'u' }] }],
    ['every OR branch', { OR: [{ user_id: 'u' }, { agent_id: 'a' }] }],
    ['a scoped sibling of a NOT', { user_id: 'u', NOT: { agent_id: 'a' } }],
  ])('is true for %s', (_name, filters) => {
    expect(hasEntityScope(platform(filters))).toBe(true);
  });

  it.each([
    ['no filter', {}],
    ['a ne', { user_id: { ne: 'u' } }],
    ['an id under NOT', { NOT: { user_id: 'u' } }],
    ['an OR with an unscoped branch', { OR: [{ user_id: 'u' }, { categories: { in: ['a'] } }] }],
    ['metadata only', { metadata: { user_id: 'u' } }],
  ])('is false for %s', (_name, filters) => {
    expect(hasEntityScope(platform(filters))).toBe(false);
  });

  it('ignores app_id in the oss dialect', () => {
    const node = parseFilters({ app_id: 'x' }, { dialect: 'oss' });
    expect(hasEntityScope(node, { dialect: 'oss' })).toBe(false);
    expect(hasEntityScope(node, { dialect: 'platform' })).toBe(true);
  });

  it('is false for an empty OR', () => {
    expect(hasEntityScope({ type: 'or', children: [] })).toBe(false);
  });
});

describe(entityIdsOf.name, () => {
  it('collects positive ids per field, deduplicated, skipping NOT', () => {
    const node = platform({
      OR: [{ user_id: 'a' }, { user_id: { in: ['a', 'b'] } }],
      agent_id: '*',
      run_id: { ne: 'r' },
      NOT: { app_id: 'x' },
    });
    expect(entityIdsOf(node)).toEqual({
      user_id: ['a', 'b'],
      agent_id: [],
      app_id: [],
      run_id: [],
    });
  });
});

describe(allOf.name, () => {
  it('ANDs the given nodes and skips undefined ones', () => {
    expect(allOf(user('a'), undefined, { type: 'and', children: [user('b')] })).toEqual({
      type: 'and',
      children: [user('a'), user('b')],
    });
  });

  it('returns the lone node or an empty AND', () => {
    expect(allOf(undefined, user('a'))).toEqual(user('a'));
    expect(allOf()).toEqual({ type: 'and', children: [] });
  });
});

describe(orOf.name, () => {
  it('flattens nested ORs and unwraps one child', () => {
    expect(orOf([user('a'), { type: 'or', children: [user('b'), user('c')] }])).toEqual({
      type: 'or',
      children: [user('a'), user('b'), user('c')],
    });
    expect(orOf([user('a')])).toEqual(user('a'));
    expect(andOf([user('a')])).toEqual(user('a'));
  });
});

describe('filterNodeSchema', () => {
  it('accepts a parsed tree unchanged', () => {
    const node = platform({
      user_id: 'u',
      metadata: { k: { contains: 'x' }, n: 1 },
      NOT: [{ categories: { in: ['a'] } }],
      agent_id: '*',
    });
    expect(filterNodeSchema.parse(node)).toEqual(node);
  });

  it('rejects an unknown field, a list for eq and exists without true', () => {
    const bad = (node: unknown) => filterNodeSchema.safeParse(node).success;
    expect(bad({ type: 'condition', field: 'score', op: 'eq', value: 1 })).toBe(false);
    expect(bad({ type: 'condition', field: 'user_id', op: 'eq', value: ['a'] })).toBe(false);
    expect(bad({ type: 'condition', field: 'user_id', op: 'exists', value: false })).toBe(false);
    expect(bad({ type: 'not', child: { type: 'xor', children: [] } })).toBe(false);
  });
});
