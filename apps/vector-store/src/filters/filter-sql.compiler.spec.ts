import { DomainError, parseFilters, type FilterNode } from '@mnemo/contracts';
import { compileFilter } from './filter-sql.compiler';
import { metadataPath } from './json-sql.conditions';

const platform = (filters: unknown, tableAlias?: string) =>
  compileFilter(parseFilters(filters, { dialect: 'platform' }), { tableAlias });
const oss = (filters: unknown) => compileFilter(parseFilters(filters, { dialect: 'oss' }));

const numeric = `('INTEGER', 'UNSIGNED INTEGER', 'DOUBLE', 'DECIMAL')`;

describe(compileFilter.name, () => {
  it('compiles an entity eq as an indexed match refined byte-exactly', () => {
    expect(platform({ user_id: 'alice' }, 'm')).toEqual({
      sql: '(m.user_id = ? AND m.user_id COLLATE utf8mb4_bin = ?)',
      params: ['alice', 'alice'],
    });
  });

  it('uses bare column names without an alias', () => {
    expect(platform({ agent_id: { in: ['a', 'b'] } })).toEqual({
      sql: '(agent_id IN (?, ?) AND agent_id COLLATE utf8mb4_bin IN (?, ?))',
      params: ['a', 'b', 'a', 'b'],
    });
  });

  it('compiles ne and NOT as two-valued negations that match NULL', () => {
    expect(platform({ run_id: { ne: 'r' } }).sql).toBe(
      '((run_id = ? AND run_id COLLATE utf8mb4_bin = ?)) IS NOT TRUE',
    );
    expect(platform({ NOT: { app_id: '*' } })).toEqual({
      sql: '(app_id IS NOT NULL) IS NOT TRUE',
      params: [],
    });
  });

  it('compiles empty lists and empty trees to constants', () => {
    expect(platform({ memory_ids: [] })).toEqual({ sql: '1=0', params: [] });
    expect(oss({ memory_ids: { nin: [] } })).toEqual({ sql: '1=1', params: [] });
    expect(platform({})).toEqual({ sql: '1=1', params: [] });
    expect(compileFilter({ type: 'or', children: [] })).toEqual({ sql: '1=0', params: [] });
  });

  it('joins AND and OR in parentheses', () => {
    expect(platform({ user_id: '*', OR: [{ memory_ids: ['x'] }, { text: 'hi' }] })).toEqual({
      sql: '(user_id IS NOT NULL AND (id = ? OR memory COLLATE utf8mb4_bin = ?))',
      params: ['x', 'hi'],
    });
  });

  it('escapes LIKE wildcards in keywords and keeps case only for contains', () => {
    expect(platform({ keywords: { contains: '50%_!' } })).toEqual({
      sql: `memory COLLATE utf8mb4_bin LIKE ? ESCAPE '!'`,
      params: ['%50!%!_!!%'],
    });
    expect(platform({ keywords: { icontains: 'Py' } })).toEqual({
      sql: `LOWER(memory) COLLATE utf8mb4_bin LIKE LOWER(?) ESCAPE '!'`,
      params: ['%Py%'],
    });
  });

  it('compiles categories against the JSON array', () => {
    expect(platform({ categories: { in: ['a', 'b'] } })).toEqual({
      sql: '(JSON_CONTAINS(categories, ?) OR JSON_CONTAINS(categories, ?))',
      params: ['"a"', '"b"'],
    });
    expect(platform({ categories: { contains: 'fin' } })).toEqual({
      sql: `JSON_SEARCH(LOWER(categories), 'one', LOWER(?), '!') IS NOT NULL`,
      params: ['%fin%'],
    });
    expect(platform({ categories: '*' })).toEqual({
      sql: 'JSON_LENGTH(categories) > 0',
      params: [],
    });
  });

  it('compiles a bare day on a DATETIME column as that whole UTC day', () => {
    expect(platform({ created_at: '2024-02-28' })).toEqual({
      sql: '(created_at >= ? AND created_at < ?)',
      params: ['2024-02-28 00:00:00.000', '2024-02-29 00:00:00.000'],
    });
    expect(platform({ timestamp: { lte: '2024-12-31', gt: '2024-01-01' } })).toEqual({
      sql: '(created_at < ? AND created_at >= ?)',
      params: ['2025-01-01 00:00:00.000', '2024-01-02 00:00:00.000'],
    });
  });

  it('compiles an instant as a point and a DATE column by day', () => {
    expect(platform({ updated_at: { gte: '2024-07-01T10:00:00+02:00' } })).toEqual({
      sql: 'updated_at >= ?',
      params: ['2024-07-01 08:00:00.000'],
    });
    expect(platform({ expiration_date: { lt: '2024-07-01T23:00:00-02:00' } })).toEqual({
      sql: 'expiration_date < ?',
      params: ['2024-07-02'],
    });
  });

  it('compares metadata strings byte-exactly through a quoted path parameter', () => {
    expect(platform({ metadata: { 'a."b': 'x' } }, 'm')).toEqual({
      sql:
        `(JSON_TYPE(JSON_EXTRACT(m.metadata, ?)) = 'STRING' AND ` +
        'JSON_UNQUOTE(JSON_EXTRACT(m.metadata, ?)) COLLATE utf8mb4_bin = ?)',
      params: ['$."a.\\"b"', '$."a.\\"b"', 'x'],
    });
  });

  it('compares metadata numbers as numbers and booleans as booleans', () => {
    expect(oss({ score: { gte: 1.5 } })).toEqual({
      sql: `((CASE WHEN JSON_TYPE(JSON_EXTRACT(metadata, ?)) IN ${numeric} THEN JSON_UNQUOTE(JSON_EXTRACT(metadata, ?)) + 0 END) >= ?)`,
      params: ['$."score"', '$."score"', 1.5],
    });
    expect(oss({ on: false })).toEqual({
      sql: `(JSON_TYPE(JSON_EXTRACT(metadata, ?)) = 'BOOLEAN' AND JSON_UNQUOTE(JSON_EXTRACT(metadata, ?)) = ?)`,
      params: ['$."on"', '$."on"', 'false'],
    });
  });

  it('tests metadata presence without counting JSON null', () => {
    expect(platform({ metadata: { k: '*' } })).toEqual({
      sql: `JSON_TYPE(JSON_EXTRACT(metadata, ?)) <> 'NULL'`,
      params: ['$."k"'],
    });
  });

  it('never puts a filter string into the SQL text', () => {
    const hostile = `x'; DROP TABLE memories; --`;
    const { sql, params } = oss({
      [hostile]: { contains: hostile },
      user_id: hostile,
      categories: { in: [hostile] },
      keywords: { icontains: hostile },
    });
    expect(sql).not.toContain('DROP');
    expect(params).toHaveLength(10);
    expect(sql.split('?')).toHaveLength(11);
  });

  it('rejects an unsafe table alias', () => {
    expect(() => compileFilter({ type: 'and', children: [] }, { tableAlias: 'm; --' })).toThrow(
      new DomainError('internal', 'Invalid table alias "m; --"'),
    );
  });

  it('rejects a hand-built condition the field cannot take', () => {
    const node: FilterNode = { type: 'condition', field: 'keywords', op: 'eq', value: 'x' };
    expect(() => compileFilter(node)).toThrow('Unsupported operator "eq" for field "keywords"');
  });
});

describe(metadataPath.name, () => {
  it('quotes the key and escapes quotes and backslashes', () => {
    expect(metadataPath('plain')).toBe('$."plain"');
    expect(metadataPath('a\\b"c d.e')).toBe('$."a\\\\b\\"c d.e"');
  });
});
