import { parseFilters } from './filter.parser';
import type { FilterNode } from './filter.types';

const platform = (input: unknown) => parseFilters(input, { dialect: 'platform' });
const oss = (input: unknown) => parseFilters(input, { dialect: 'oss' });

const eq = (field: string, value: unknown): FilterNode =>
  ({ type: 'condition', field, op: 'eq', value }) as FilterNode;
const cond = (field: unknown, op: string, value: unknown): FilterNode =>
  ({ type: 'condition', field, op, value }) as FilterNode;

describe(parseFilters.name, () => {
  it('reads a bare scalar as eq', () => {
    expect(platform({ user_id: 'alex' })).toEqual(eq('user_id', 'alex'));
  });

  it('reads "*" as a non-null test', () => {
    expect(platform({ agent_id: '*' })).toEqual(cond('agent_id', 'exists', true));
  });

  it('ANDs sibling keys', () => {
    expect(platform({ user_id: 'u', agent_id: 'a' })).toEqual({
      type: 'and',
      children: [eq('user_id', 'u'), eq('agent_id', 'a')],
    });
  });

  it('ANDs several operators on one field', () => {
    expect(platform({ created_at: { gte: '2024-07-01', lte: '2024-07-31' } })).toEqual({
      type: 'and',
      children: [cond('created_at', 'gte', '2024-07-01'), cond('created_at', 'lte', '2024-07-31')],
    });
  });

  it('reads an AND list and flattens it into its parent', () => {
    expect(platform({ AND: [{ user_id: 'u' }, { AND: [{ run_id: 'r' }] }], app_id: 'x' })).toEqual({
      type: 'and',
      children: [eq('user_id', 'u'), eq('run_id', 'r'), eq('app_id', 'x')],
    });
  });

  it('reads an OR list', () => {
    expect(platform({ OR: [{ user_id: 'alice' }, { agent_id: { in: ['t', 's'] } }] })).toEqual({
      type: 'or',
      children: [eq('user_id', 'alice'), cond('agent_id', 'in', ['t', 's'])],
    });
  });

  it('unwraps a single-entry OR', () => {
    expect(platform({ OR: [{ user_id: 'alice' }] })).toEqual(eq('user_id', 'alice'));
  });

  it('keeps an OR that is a sibling of AND instead of dropping it', () => {
    expect(platform({ AND: [{ user_id: 'u' }], OR: [{ run_id: 'a' }, { run_id: 'b' }] })).toEqual({
      type: 'and',
      children: [
        eq('user_id', 'u'),
        { type: 'or', children: [eq('run_id', 'a'), eq('run_id', 'b')] },
      ],
    });
  });

  it('reads NOT written as an object', () => {
    expect(platform({ NOT: { categories: { in: ['spam'] } } })).toEqual({
      type: 'not',
      child: cond('categories', 'in', ['spam']),
    });
  });

  it('reads NOT written as a list as "none of"', () => {
    expect(platform({ NOT: [{ user_id: 'a' }, { user_id: 'b' }] })).toEqual({
      type: 'not',
      child: { type: 'or', children: [eq('user_id', 'a'), eq('user_id', 'b')] },
    });
  });

  it('reads the nested Platform example', () => {
    const filters = {
      AND: [
        { user_id: 'u' },
        { NOT: { OR: [{ categories: { in: ['spam'] } }, { categories: { in: ['test'] } }] } },
      ],
    };
    expect(platform(filters)).toEqual({
      type: 'and',
      children: [
        eq('user_id', 'u'),
        {
          type: 'not',
          child: {
            type: 'or',
            children: [cond('categories', 'in', ['spam']), cond('categories', 'in', ['test'])],
          },
        },
      ],
    });
  });

  it('reads a bare list as in', () => {
    expect(platform({ memory_ids: ['a', 'b'] })).toEqual(cond('memory_ids', 'in', ['a', 'b']));
    expect(platform({ user_id: ['a'] })).toEqual(cond('user_id', 'in', ['a']));
  });

  it('accepts an empty in list', () => {
    expect(platform({ memory_ids: { in: [] } })).toEqual(cond('memory_ids', 'in', []));
  });

  it('reads metadata keys with their operators', () => {
    expect(
      platform({ metadata: { lang: 'en', score: 5, on: true, t: { contains: 'x' }, k: '*' } }),
    ).toEqual({
      type: 'and',
      children: [
        cond({ metadata: 'lang' }, 'eq', 'en'),
        cond({ metadata: 'score' }, 'eq', 5),
        cond({ metadata: 'on' }, 'eq', true),
        cond({ metadata: 't' }, 'contains', 'x'),
        cond({ metadata: 'k' }, 'exists', true),
      ],
    });
  });

  it('reads the other Platform fields', () => {
    expect(platform({ keywords: { icontains: 'Py' } })).toEqual(
      cond('keywords', 'icontains', 'Py'),
    );
    expect(platform({ keywords_search: { contains: 'Py' } })).toEqual(
      cond('keywords_search', 'contains', 'Py'),
    );
    expect(platform({ text: { ne: 'x' } })).toEqual(cond('text', 'ne', 'x'));
    expect(platform({ categories: { contains: 'fin' } })).toEqual(
      cond('categories', 'contains', 'fin'),
    );
    expect(platform({ timestamp: { ne: '2024-01-01' } })).toEqual(
      cond('timestamp', 'ne', '2024-01-01'),
    );
    expect(platform({ expiration_date: { in: ['2024-01-01'] } })).toEqual(
      cond('expiration_date', 'in', ['2024-01-01']),
    );
  });

  it('matches everything for an empty object or empty metadata', () => {
    expect(platform({})).toEqual({ type: 'and', children: [] });
    expect(platform({ metadata: {} })).toEqual({ type: 'and', children: [] });
  });

  it('normalises datetimes to UTC and keeps bare days', () => {
    expect(platform({ created_at: '2024-07-01' })).toEqual(eq('created_at', '2024-07-01'));
    expect(platform({ created_at: { gt: '2024-07-01T10:00:00+02:00' } })).toEqual(
      cond('created_at', 'gt', '2024-07-01T08:00:00.000Z'),
    );
    expect(platform({ created_at: { gt: '2024-07-01 10:00' } })).toEqual(
      cond('created_at', 'gt', '2024-07-01T10:00:00.000Z'),
    );
    expect(platform({ updated_at: { lt: '2024-07-01T10:00:00.123456-0130' } })).toEqual(
      cond('updated_at', 'lt', '2024-07-01T11:30:00.123Z'),
    );
    expect(platform({ updated_at: { lt: 1719792000 } })).toEqual(
      cond('updated_at', 'lt', '2024-07-01T00:00:00.000Z'),
    );
  });

  describe('in the oss dialect', () => {
    it('treats an unknown key as a metadata key', () => {
      expect(oss({ user_id: 'u', category: { nin: ['a'] } })).toEqual({
        type: 'and',
        children: [eq('user_id', 'u'), cond({ metadata: 'category' }, 'nin', ['a'])],
      });
    });

    it('accepts every operator on metadata and explicit eq on dates', () => {
      expect(oss({ score: { gt: 1, lte: '9' }, created_at: { eq: '2024-01-01' } })).toEqual({
        type: 'and',
        children: [
          cond({ metadata: 'score' }, 'gt', 1),
          cond({ metadata: 'score' }, 'lte', '9'),
          cond('created_at', 'eq', '2024-01-01'),
        ],
      });
    });

    it('knows actor_id and role as columns', () => {
      expect(oss({ actor_id: 'a', role: { in: ['user'] } })).toEqual({
        type: 'and',
        children: [eq('actor_id', 'a'), cond('role', 'in', ['user'])],
      });
    });

    it('accepts empty strings as metadata values', () => {
      expect(oss({ note: '' })).toEqual(cond({ metadata: 'note' }, 'eq', ''));
    });
  });
});
