import { DomainError } from '@mnemo/contracts';
import { compileJsonSchema } from './json-schema.validator';

describe(compileJsonSchema.name, () => {
  const person = {
    type: 'object',
    properties: { name: { type: 'string' }, born: { type: 'string', format: 'date' } },
    required: ['name'],
  };

  it('accepts values that fit and lists what is wrong with those that do not', () => {
    const compiled = compileJsonSchema(person);
    expect(compiled.check({ name: 'Alex', born: '1990-04-01' })).toEqual({ valid: true });
    expect(compiled.check({ born: 'yesterday' })).toEqual({
      valid: false,
      errors: '/ must have required property \'name\'; /born must match format "date"',
    });
  });

  it('reads 2020-12 and 2019-09 schemas, and older drafts as draft-07', () => {
    const tuple = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'array',
      prefixItems: [{ type: 'string' }],
    };
    expect(compileJsonSchema(tuple).check([1])).toMatchObject({ valid: false });
    const old = { $schema: 'http://json-schema.org/draft-04/schema#', type: 'string' };
    expect(compileJsonSchema(old).check('x')).toEqual({ valid: true });
    const v2019 = { $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'integer' };
    expect(compileJsonSchema(v2019).check(1.5)).toMatchObject({ valid: false });
  });

  it('keeps schemas apart even when they share an $id', () => {
    const first = compileJsonSchema({ $id: 'https://example.com/s', type: 'string' });
    const second = compileJsonSchema({ $id: 'https://example.com/s', type: 'number' });
    expect([first.check('a').valid, second.check('a').valid]).toEqual([true, false]);
  });

  it('refuses a schema that is not a JSON Schema as a validation failure', () => {
    const attempt = () => compileJsonSchema({ type: 'no-such-type' });
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow(/^schema is not a valid JSON Schema: /);
  });
});
