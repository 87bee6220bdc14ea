import { memoryRecord } from '../memories/memory-record.fixture';
import { compileJsonSchema } from './json-schema.validator';
import { shapeLocally, type ShapeSource } from './local-schema.shaper';

const now = new Date('2025-06-01T12:00:00.000Z');

function source(...memories: ReturnType<typeof memoryRecord>[]): ShapeSource {
  return { memories, scope: { userId: 'alex' }, now };
}

describe(shapeLocally.name, () => {
  const sushi = memoryRecord('Likes sushi', { categories: ['food'] });
  const allergy = memoryRecord('Is allergic to peanuts', { categories: ['health'] });
  const jazz = memoryRecord('Loves jazz music');
  const job = memoryRecord('Works as a nurse in Hangzhou', { metadata: { city: 'Hangzhou' } });
  const tea = memoryRecord('Does not like green tea');

  it('fills arrays of strings with memory texts and user_id from the scope', () => {
    const schema = {
      type: 'object',
      properties: {
        user_id: { type: 'string' },
        memories: { type: 'array', items: { type: 'string' } },
      },
      required: ['user_id', 'memories'],
    };
    expect(shapeLocally(schema, source(sushi, jazz))).toEqual({
      user_id: 'alex',
      memories: ['Likes sushi', 'Loves jazz music'],
    });
  });

  it('maps item objects field by field from each memory', () => {
    const schema = {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          text: { type: 'string' },
          category: { type: 'string' },
          created_at: { type: 'string', format: 'date-time' },
        },
        required: ['id', 'text', 'category'],
      },
    };
    expect(shapeLocally(schema, source(sushi, jazz))).toEqual([
      { id: sushi.id, text: 'Likes sushi', category: 'food', created_at: sushi.createdAt },
      { id: jazz.id, text: 'Loves jazz music', category: '', created_at: jazz.createdAt },
    ]);
  });

  it('splits preferences from dislikes and matches other keys by category or word', () => {
    const schema = {
      type: 'object',
      properties: {
        preferences: { type: 'array', items: { type: 'string' } },
        dislikes: { type: 'array', items: { type: 'string' } },
        allergies: { type: 'array', items: { type: 'string' } },
        food: { type: 'array', items: { type: 'string' } },
        music: { type: 'string' },
      },
    };
    expect(shapeLocally(schema, source(sushi, allergy, jazz, tea))).toEqual({
      preferences: ['Likes sushi', 'Loves jazz music'],
      dislikes: ['Does not like green tea'],
      allergies: ['Is allergic to peanuts'],
      food: ['Likes sushi'],
      music: 'Loves jazz music',
    });
  });

  it('reads metadata keys and counts, and fills required fields it knows nothing of', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        total_memories: { type: 'integer' },
        nickname: { type: 'string' },
        verified: { type: 'boolean' },
        exported_at: { type: 'string', format: 'date-time' },
        pets: { type: 'array', items: { type: 'string' } },
      },
      required: ['nickname', 'verified', 'pets'],
    };
    expect(shapeLocally(schema, source(job, sushi))).toEqual({
      city: 'Hangzhou',
      total_memories: 2,
      nickname: '',
      verified: false,
      exported_at: now.toISOString(),
      pets: [],
    });
  });

  it('follows $ref and nested objects, narrowing by the parent key only when it matches', () => {
    const schema = {
      type: 'object',
      $defs: { texts: { type: 'array', items: { type: 'string' } } },
      properties: {
        profile: {
          type: 'object',
          properties: { health: { $ref: '#/$defs/texts' }, food: { $ref: '#/$defs/texts' } },
        },
      },
    };
    expect(shapeLocally(schema, source(sushi, allergy))).toEqual({
      profile: { health: ['Is allergic to peanuts'], food: ['Likes sushi'] },
    });
  });

  it('picks enum values named in the memories and respects maxItems and uniqueItems', () => {
    const schema = {
      type: 'object',
      properties: {
        diet: { enum: ['vegan', 'sushi', 'keto'] },
        categories: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 1 },
      },
      required: ['diet'],
    };
    const second = memoryRecord('Orders sushi weekly', { categories: ['food'] });
    expect(shapeLocally(schema, source(sushi, second, allergy))).toEqual({
      diet: 'sushi',
      categories: ['food'],
    });
  });

  it('answers every memory as an object when the schema leaves the shape open', () => {
    expect(shapeLocally({}, source(sushi))).toEqual({
      memories: [
        {
          id: sushi.id,
          memory: 'Likes sushi',
          categories: ['food'],
          user_id: 'alex',
          agent_id: null,
          app_id: null,
          run_id: null,
          metadata: null,
          created_at: sushi.createdAt,
          updated_at: sushi.updatedAt,
        },
      ],
    });
  });

  it('produces values that validate against typical export schemas', () => {
    const schema = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      properties: {
        user_id: { type: 'string' },
        preferences: { type: 'array', items: { type: 'string' } },
        facts: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              memory: { type: 'string' },
              categories: { type: 'array', items: { type: 'string' } },
            },
            required: ['memory', 'categories'],
            additionalProperties: false,
          },
        },
        count: { type: 'integer', minimum: 0 },
      },
      required: ['user_id', 'preferences', 'facts', 'count'],
      additionalProperties: false,
    };
    const value = shapeLocally(schema, source(sushi, allergy, jazz, job, tea));
    expect(compileJsonSchema(schema).check(value)).toEqual({ valid: true });
  });
});
