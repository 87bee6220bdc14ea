import { kindOf, resolveNode } from './schema-nodes';

describe(resolveNode.name, () => {
  const root = {
    definitions: { name: { type: 'string', maxLength: 10 }, 'a/b': { type: 'integer' } },
    $defs: { tags: { type: 'array', items: { type: 'string' } } },
  };

  it('follows local $refs, escaped pointers included, and lets siblings override', () => {
    expect(resolveNode({ $ref: '#/definitions/name', maxLength: 3 }, root)).toEqual({
      type: 'string',
      maxLength: 3,
    });
    expect(resolveNode({ $ref: '#/definitions/a~1b' }, root)).toEqual({ type: 'integer' });
    expect(resolveNode({ $ref: 'https://example.com/remote.json' }, root)).toEqual({});
  });

  it('merges allOf properties and required lists', () => {
    const node = {
      allOf: [
        { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
        { properties: { b: { $ref: '#/$defs/tags' } }, required: ['b'] },
      ],
    };
    expect(resolveNode(node, root)).toEqual({
      type: 'object',
      properties: { a: { type: 'string' }, b: { $ref: '#/$defs/tags' } },
      required: ['a', 'b'],
    });
  });

  it('takes the first non-null branch of anyOf / oneOf', () => {
    expect(resolveNode({ anyOf: [{ type: 'null' }, { type: 'number' }] }, root)).toEqual({
      type: 'number',
    });
    expect(resolveNode({ oneOf: [{ $ref: '#/$defs/tags' }, { type: 'string' }] }, root)).toEqual({
      type: 'array',
      items: { type: 'string' },
    });
  });

  it('stops on reference cycles', () => {
    const cyclic = { $defs: { loop: { $ref: '#/$defs/loop' } } };
    expect(resolveNode({ $ref: '#/$defs/loop' }, cyclic)).toEqual({});
  });
});

describe(kindOf.name, () => {
  it('reads the first non-null type, or infers it from properties and items', () => {
    expect(kindOf({ type: ['null', 'string'] })).toBe('string');
    expect(kindOf({ type: 'null' })).toBe('null');
    expect(kindOf({ properties: {} })).toBe('object');
    expect(kindOf({ items: {} })).toBe('array');
    expect(kindOf({})).toBe('any');
  });
});
