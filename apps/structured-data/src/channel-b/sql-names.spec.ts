import { DomainError } from '@mnemo/contracts';
import { grantSchemaPattern, maxSqlNameLength, sqlSpaceNames } from './sql-names';

/** What a database-level GRANT on `pattern` covers, as MySQL matches it. */
function grantCovers(pattern: string, schema: string): boolean {
  const body = pattern.replace(/^`|`$/g, '');
  const regex = body.replace(/\\_|_|%|[^\\_%]+/g, (part) =>
    part === '\\_' ? '_' : part === '_' ? '.' : part === '%' ? '.*' : part,
  );
  return new RegExp(`^${regex}$`).test(schema);
}

describe(sqlSpaceNames.name, () => {
  it('uses <database>_p_<project> as it is when it fits and needs no change', () => {
    expect(sqlSpaceNames('mnemo', 'default')).toEqual({
      projectId: 'default',
      schema: 'mnemo_p_default',
      dataSchema: 'mnemo_d_default',
      user: 'mnemo_p_default',
    });
  });

  it('keeps a readable head and a hash when the name is too long', () => {
    const names = sqlSpaceNames('mnemo', 'proj_k3x9q2m8w1z7c4v6b5n0');
    expect(names.schema).toMatch(/^mnemo_p_proj_k3x9q2m8w1_[0-9a-f]{8}$/);
    expect(names.schema).toHaveLength(maxSqlNameLength);
    expect(names.user).toBe(names.schema);
    expect(names.dataSchema).toMatch(/^mnemo_d_proj_k3x9q2m8w1_[0-9a-f]{8}$/);
    expect(sqlSpaceNames('mnemo', 'proj_k3x9q2m8w1z7c4v6b5n0')).toEqual(names);
  });

  it('gives different names to ids that differ only by case or by - and _', () => {
    const schemas = ['shop-a', 'shop_a', 'Shop_a'].map((id) => sqlSpaceNames('mnemo', id).schema);
    expect(schemas[0]).toMatch(/^mnemo_p_shop_a_[0-9a-f]{8}$/);
    expect(schemas[1]).toBe('mnemo_p_shop_a');
    expect(schemas[2]).toMatch(/^mnemo_p_shop_a_[0-9a-f]{8}$/);
    expect(new Set(schemas).size).toBe(3);
  });

  it('gives the same project different names under different main databases', () => {
    const one = sqlSpaceNames('mnemo_t_abcdefgh_123456', 'default');
    const two = sqlSpaceNames('mnemo_t_abcdefgh_654321', 'default');
    expect(one.user).toMatch(/^mnemo_t_abcdefgh_123456_[0-9a-f]{8}$/);
    expect(two.user).not.toBe(one.user);
    expect(two.schema).not.toBe(one.schema);
  });

  it('keeps the whole <database>_p_ and <database>_d_ prefix of a long main database', () => {
    const names = sqlSpaceNames('mnemo_t_abcdefgh_123456', 'default');
    expect(names.schema).toBe('mnemo_t_abcdefgh_123456_p_default');
    expect(names.dataSchema).toBe('mnemo_t_abcdefgh_123456_d_default');
    const long = sqlSpaceNames('mnemo_t_abcdefgh_123456', `proj_${'x'.repeat(59)}`);
    expect(long.schema).toMatch(/^mnemo_t_abcdefgh_123456_p_proj_x+_[0-9a-f]{8}$/);
    expect(long.schema).toHaveLength(64);
    expect(sqlSpaceNames('Mnemo', 'a').schema).toMatch(/^Mnemo_p_a_[0-9a-f]{8}$/);
  });

  it('puts the two schemas under grant patterns that never cover each other', () => {
    for (const [database, project] of [
      ['mnemo', 'shop_a'],
      ['mnemo', 'proj_k3x9q2m8w1z7c4v6b5n0'],
      ['mnemo_t_abcdefgh_123456', 'p_d_x'],
    ]) {
      const names = sqlSpaceNames(database, project);
      const service = (kind: string) => `\`${database.replace(/_/g, '\\_')}\\_${kind}\\_%\``;
      expect(grantCovers(service('p'), names.schema)).toBe(true);
      expect(grantCovers(service('d'), names.dataSchema)).toBe(true);
      expect(grantCovers(service('p'), names.dataSchema)).toBe(false);
      expect(grantCovers(service('d'), names.schema)).toBe(false);
      expect(grantCovers(grantSchemaPattern(names.schema), names.schema)).toBe(true);
      expect(grantCovers(grantSchemaPattern(names.schema), names.dataSchema)).toBe(false);
    }
  });

  it('rejects a project id that is not made of letters, digits, _ and -', () => {
    expect(() => sqlSpaceNames('mnemo', "x'; DROP")).toThrow(DomainError);
    expect(() => sqlSpaceNames('mnemo', '')).toThrow(
      expect.objectContaining({ code: 'validation_failed' }),
    );
  });
});

describe(grantSchemaPattern.name, () => {
  it('escapes the underscores a database-level grant would read as wildcards', () => {
    expect(grantSchemaPattern('mnemo_p_team_a')).toBe('`mnemo\\_p\\_team\\_a`');
  });

  it('refuses a name that could break out of the quotes', () => {
    expect(() => grantSchemaPattern('a`b')).toThrow('unsafe SQL name a`b');
  });
});
