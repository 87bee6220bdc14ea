import { OpenAiLlmProvider } from '@mnemo/providers';
import { FakeOpenAiServer } from '@mnemo/testing';
import { LlmProceduralSummarizer } from './llm-procedural.summarizer';
import { PROCEDURAL_MEMORY_PROMPT, PROCEDURAL_MEMORY_REQUEST } from './prompts';

const run = [
  { role: 'user', content: 'Find the cheapest flight to Lisbon.' },
  { role: 'assistant', content: 'Searching flights.' },
  { role: 'tool', content: '{"cheapest": "TP1351, 89 EUR"}' },
];

describe(LlmProceduralSummarizer.name, () => {
  let fake: FakeOpenAiServer;
  let llm: OpenAiLlmProvider;
  let warnings: Record<string, unknown>[];
  let summarizer: LlmProceduralSummarizer;

  beforeEach(async () => {
    fake = await FakeOpenAiServer.start();
    llm = new OpenAiLlmProvider({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-test',
      timeoutMs: 2_000,
      maxRetries: 0,
    });
    warnings = [];
    summarizer = new LlmProceduralSummarizer(llm, { warn: (obj) => warnings.push(obj) });
  });

  afterEach(async () => {
    llm.close();
    await fake.stop();
  });

  it('sends the system prompt, the conversation and the request, as plain text', async () => {
    fake.scriptChat('```\nTask objective: find the cheapest flight.\n```');

    const summary = await summarizer.summarize(run);

    expect(summary).toBe('Task objective: find the cheapest flight.');
    expect(fake.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: PROCEDURAL_MEMORY_PROMPT },
        { role: 'user', content: 'Find the cheapest flight to Lisbon.' },
        { role: 'assistant', content: 'Searching flights.' },
        { role: 'user', content: 'tool: {"cheapest": "TP1351, 89 EUR"}' },
        { role: 'user', content: PROCEDURAL_MEMORY_REQUEST },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('uses a custom prompt as the system prompt', async () => {
    fake.scriptChat('Booked nothing yet.');

    await summarizer.summarize(run, 'Summarise the run in one line.');

    const body = fake.requests[0]?.body as { messages: { content: string }[] };
    expect(body.messages[0]).toEqual({ role: 'system', content: 'Summarise the run in one line.' });
  });

  it('returns an empty summary and warns when the answer is empty', async () => {
    fake.scriptChat('<think>nothing to say</think>');

    await expect(summarizer.summarize(run)).resolves.toBe('');
    expect(warnings).toEqual([{ fault: 'empty_answer', answerChars: 29 }]);
  });
});
