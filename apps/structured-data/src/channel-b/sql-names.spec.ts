import { DomainError } from '@mnemo/contracts';
import { grantSchemaPattern, maxSqlNameLength, sqlSpaceNames, viewsDefinerName } from './sql-names';

describe(sqlSpaceNames.name, () => {
  it('uses <database>_p_<project> as it is when it fits and needs no change', () => {
    expect(sqlSpaceNames('mnemo', 'default')).toEqual({
      projectId: 'default',
      schema: 'mnemo_p_default',
      user: 'mnemo_p_default',
    });
  });

  it('keeps a readable head and a hash when the name is too long', () => {
    const names = sqlSpaceNames('mnemo', 'proj_k3x9q2m8w1z7c4v6b5n0');
    expect(names.schema).toMatch(/^mnemo_p_proj_k3x9q2m8w1_[0-9a-f]{8}$/);
    expect(names.schema).toHaveLength(maxSqlNameLength);
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
    const one = sqlSpaceNames('mnemo_t_abcdefgh_123456', 'default').schema;
    const two = sqlSpaceNames('mnemo_t_abcdefgh_654321', 'default').schema;
    expect(one).toMatch(/^mnemo_t_abcdefgh_123456_[0-9a-f]{8}$/);
    expect(two).not.toBe(one);
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

describe(viewsDefinerName.name, () => {
  it('names one definer per main database', () => {
    expect(viewsDefinerName('mnemo')).toBe('mnemo_views');
  });
});
