import type { Logger } from '@mnemo/observability';
import type { LlmCompletionRequest, LlmProvider } from '@mnemo/providers';
import { memoryRecord } from '../memories/memory-record.fixture';
import { SchemaShaper } from './schema-shaper';

class ScriptedLlm implements LlmProvider {
  readonly name = 'scripted';
  readonly model = 'scripted-1';
  readonly requests: LlmCompletionRequest[] = [];

  constructor(private readonly reply: () => string) {}

  complete(req: LlmCompletionRequest): Promise<string> {
    this.requests.push(req);
    return Promise.resolve(this.reply());
  }
}

const logger = { warn: jest.fn() } as unknown as Logger;
const schema = {
  type: 'object',
  properties: { food: { type: 'array', items: { type: 'string' } } },
  required: ['food'],
  additionalProperties: false,
};
const source = {
  memories: [memoryRecord('Likes sushi', { categories: ['food'] })],
  scope: { userId: 'alex' },
  now: new Date('2025-06-01T00:00:00Z'),
};

describe(SchemaShaper.name, () => {
  it('uses the LLM answer when it fits the schema, sending schema, instructions and memories', async () => {
    const llm = new ScriptedLlm(() => '{"data": {"food": ["sushi"]}}');
    const shaped = await new SchemaShaper(llm, logger).shape(schema, source, 'Short items.');
    expect(shaped).toEqual({ value: { food: ['sushi'] }, via: 'llm' });
    expect(llm.requests[0]).toMatchObject({ json: true, temperature: 0 });
    const prompt = llm.requests[0].messages[1].content;
    expect(prompt).toContain(JSON.stringify(schema));
    expect(prompt).toContain('Instructions:\nShort items.');
    expect(prompt).toContain('[food] Likes sushi');
  });

  it('falls back to the local mapping when the LLM answer does not validate', async () => {
    const llm = new ScriptedLlm(() => '{"data": {"food": "sushi", "extra": 1}}');
    const shaped = await new SchemaShaper(llm, logger).shape(schema, source);
    expect(shaped).toEqual({ value: { food: ['Likes sushi'] }, via: 'local' });
  });

  it('falls back to the local mapping when the LLM fails', async () => {
    const llm = new ScriptedLlm(() => {
      throw new Error('provider down');
    });
    expect(await new SchemaShaper(llm, logger).shape(schema, source)).toEqual({
      value: { food: ['Likes sushi'] },
      via: 'local',
    });
  });

  it('reports why a local mapping does not validate, when it cannot', async () => {
    const strict = {
      ...schema,
      properties: { food: { type: 'array', items: { type: 'string' }, minItems: 3 } },
    };
    const shaped = await new SchemaShaper(null, logger).shape(strict, source);
    expect(shaped).toEqual({
      value: { food: ['Likes sushi'] },
      via: 'local',
      problems: '/food must NOT have fewer than 3 items',
    });
  });
});
