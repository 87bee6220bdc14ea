import { anyEntity, FilterFormError, filtersOf } from './memory-filters';

describe('filtersOf', () => {
  it('matches every memory of the project when the form is empty', () => {
    expect(filtersOf({})).toEqual(anyEntity);
  });

  it('gives a lone entity id as it is', () => {
    expect(filtersOf({ user_id: ' alice ' })).toEqual({ user_id: 'alice' });
  });

  it('ANDs every field of the form, with the written filter last', () => {
    expect(
      filtersOf({
        user_id: 'alice',
        run_id: 'trip',
        categories: 'food, travel,',
        contains: 'Sichuan',
        from: '2025-01-01',
        to: '2025-01-31',
        filter: '{"metadata": {"source": "chat"}}',
      }),
    ).toEqual({
      AND: [
        { user_id: 'alice' },
        { run_id: 'trip' },
        { categories: { in: ['food', 'travel'] } },
        { keywords: { icontains: 'Sichuan' } },
        { created_at: { gte: '2025-01-01', lte: '2025-01-31' } },
        { metadata: { source: 'chat' } },
      ],
    });
  });

  it('keeps the any-entity scope beside a written filter without ids', () => {
    expect(filtersOf({ filter: '{"categories": {"contains": "food"}}' })).toEqual({
      AND: [anyEntity, { categories: { contains: 'food' } }],
    });
  });

  it('refuses a written filter that is not a JSON object', () => {
    expect(() => filtersOf({ filter: '{user_id: alice}' })).toThrow(FilterFormError);
    expect(() => filtersOf({ filter: '["alice"]' })).toThrow(
      'The filter must be a JSON object, e.g. {"metadata": {"source": "chat"}}',
    );
  });
});
