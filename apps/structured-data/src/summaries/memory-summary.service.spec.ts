import type { Logger } from '@mnemo/observability';
import type { LlmProvider } from '@mnemo/providers';
import { memoryRecord } from '../memories/memory-record.fixture';
import type { MemorySource } from '../memories/memory-source';
import { MemorySummaryService } from './memory-summary.service';

const memories = [
  memoryRecord('Likes sushi', { categories: ['food'] }),
  memoryRecord('Likes ramen', { categories: ['food'] }),
  memoryRecord('Runs every morning', { categories: ['health'] }),
];
const source = {
  collect: jest.fn(() => Promise.resolve({ memories, scope: {}, truncated: false })),
} as unknown as MemorySource;
const logger = { warn: jest.fn() } as unknown as Logger;

function llmReplying(reply: string | Error): LlmProvider {
  return {
    name: 'scripted',
    model: 'scripted-1',
    complete: () => (reply instanceof Error ? Promise.reject(reply) : Promise.resolve(reply)),
  };
}

describe(MemorySummaryService.name, () => {
  it('summarises each category locally when no LLM is configured', async () => {
    const service = new MemorySummaryService(source, null, logger);
    expect(await service.summarize('p1', {})).toEqual([
      { category: 'food', summary: 'Likes sushi; Likes ramen.', memoryCount: 2 },
      { category: 'health', summary: 'Runs every morning.', memoryCount: 1 },
    ]);
  });

  it('takes the LLM summaries it got and writes the missing ones locally', async () => {
    const llm = llmReplying('{"summaries": {"food": "Enjoys Japanese food."}}');
    const service = new MemorySummaryService(source, llm, logger);
    expect(await service.summarize('p1', {})).toEqual([
      { category: 'food', summary: 'Enjoys Japanese food.', memoryCount: 2 },
      { category: 'health', summary: 'Runs every morning.', memoryCount: 1 },
    ]);
  });

  it('falls back to local summaries when the LLM fails', async () => {
    const service = new MemorySummaryService(source, llmReplying(new Error('down')), logger);
    expect((await service.summarize('p1', {})).map((item) => item.summary)).toEqual([
      'Likes sushi; Likes ramen.',
      'Runs every morning.',
    ]);
  });
});
