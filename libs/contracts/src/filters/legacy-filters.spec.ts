import { DomainError } from '../errors';
import { allOf } from './filter-nodes';
import { parseFilters } from './filter.parser';
import { legacyFilterNode } from './legacy-filters';

const platform = { dialect: 'platform' } as const;

describe(legacyFilterNode.name, () => {
  it('returns undefined when no legacy parameter is set', () => {
    expect(
      legacyFilterNode({ user_id: undefined, agent_id: null, run_id: '' }, platform),
    ).toBeUndefined();
  });

  it('turns top-level ids and metadata into the equivalent filters', () => {
    const node = legacyFilterNode(
      { user_id: 'u', agent_id: '*', app_id: 'x', run_id: 'r', metadata: { lang: 'en' } },
      platform,
    );
    expect(node).toEqual(
      parseFilters(
        { user_id: 'u', agent_id: '*', app_id: 'x', run_id: 'r', metadata: { lang: 'en' } },
        platform,
      ),
    );
  });

  it('turns categories, keywords and the date range into filters', () => {
    const node = legacyFilterNode(
      { categories: 'work', keywords: 'Py', start_date: '2024-07-01', end_date: '2024-07-31' },
      platform,
    );
    expect(node).toEqual({
      type: 'and',
      children: [
        { type: 'condition', field: 'categories', op: 'in', value: ['work'] },
        { type: 'condition', field: 'keywords', op: 'icontains', value: 'Py' },
        { type: 'condition', field: 'created_at', op: 'gte', value: '2024-07-01' },
        { type: 'condition', field: 'created_at', op: 'lte', value: '2024-07-31' },
      ],
    });
  });

  it('merges with filters through allOf', () => {
    const filters = parseFilters({ categories: { in: ['a', 'b'] } }, platform);
    expect(allOf(filters, legacyFilterNode({ user_id: 'u' }, platform))).toEqual({
      type: 'and',
      children: [
        { type: 'condition', field: 'categories', op: 'in', value: ['a', 'b'] },
        { type: 'condition', field: 'user_id', op: 'eq', value: 'u' },
      ],
    });
  });

  it('names the legacy parameter when a date is wrong', () => {
    expect(() => legacyFilterNode({ user_id: 'u', start_date: 'yesterday' }, platform)).toThrow(
      new DomainError(
        'validation_failed',
        'Value for field "start_date" must be a date (YYYY-MM-DD), an ISO datetime or epoch seconds (got "yesterday")',
      ),
    );
  });

  it('rejects a non-string id with the field name', () => {
    expect(() => legacyFilterNode({ user_id: 42 }, platform)).toThrow(
      'Value for "eq" on field "user_id" must be a non-empty string (got 42)',
    );
  });
});
