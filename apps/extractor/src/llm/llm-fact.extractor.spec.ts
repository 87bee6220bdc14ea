import { OpenAiLlmProvider } from '@mnemo/providers';
import { FakeOpenAiServer } from '@mnemo/testing';
import type { FactExtractionInput } from '../extraction';
import { LlmFactExtractor, parseFactsAnswer } from './llm-fact.extractor';
import { agentFactExtractionPrompt, userFactExtractionPrompt } from './prompts';

const TODAY = '2026-04-20';

const chat: FactExtractionInput = {
  messages: [
    { role: 'user', content: "I'm Priya and I live in Leeds." },
    { role: 'assistant', content: 'Nice to meet you, Priya! I am Nova.' },
  ],
  agentMemory: false,
  today: TODAY,
};

interface SentMessage {
  role: string;
  content: string;
}

describe(LlmFactExtractor.name, () => {
  let fake: FakeOpenAiServer;
  let llm: OpenAiLlmProvider;
  let warnings: Record<string, unknown>[];
  let extractor: LlmFactExtractor;

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
    extractor = new LlmFactExtractor(
      llm,
      { warn: (obj) => warnings.push(obj) },
      { temperature: 0 },
    );
  });

  afterEach(async () => {
    llm.close();
    await fake.stop();
  });

  function sent(): { messages: SentMessage[]; response_format?: unknown; temperature?: number } {
    return fake.requests[0]?.body as { messages: SentMessage[] };
  }

  it("asks in JSON mode with the user prompt, today's date and the turns as Input lines", async () => {
    fake.scriptChat('{"facts": ["Name is Priya", "Lives in Leeds"]}');

    const facts = await extractor.extractFacts(chat);

    expect(facts).toEqual(['Name is Priya', 'Lives in Leeds']);
    expect(sent().response_format).toEqual({ type: 'json_object' });
    expect(sent().temperature).toBe(0);
    expect(sent().messages).toEqual([
      { role: 'system', content: userFactExtractionPrompt(TODAY) },
      {
        role: 'user',
        content:
          "Input:\nuser: I'm Priya and I live in Leeds.\nassistant: Nice to meet you, Priya! I am Nova.",
      },
    ]);
    expect(sent().messages[0]?.content).toContain(`Today's date is ${TODAY}.`);
    expect(warnings).toEqual([]);
  });

  it("uses the agent prompt for facts from the assistant's turns", async () => {
    fake.scriptChat('{"facts": ["Name is Nova"]}');

    const facts = await extractor.extractFacts({ ...chat, agentMemory: true });

    expect(facts).toEqual(['Name is Nova']);
    expect(sent().messages[0]).toEqual({
      role: 'system',
      content: agentFactExtractionPrompt(TODAY),
    });
  });

  it('replaces the prompt with custom instructions and adds the JSON shape they lack', async () => {
    fake.scriptChat('{"facts": ["Lives in Leeds"]}');

    await extractor.extractFacts({
      ...chat,
      customInstructions: 'Only keep where the user lives.',
    });

    expect(sent().messages[0]).toEqual({
      role: 'system',
      content:
        "Only keep where the user lives.\n\nToday's date is 2026-04-20.\n\n" +
        'Answer with one JSON object and nothing else, in this shape: {"facts": ["fact one", "fact two"]}',
    });
  });

  it('leaves custom instructions that mention JSON without the added shape', async () => {
    fake.scriptChat('{"facts": []}');
    const customInstructions = 'Keep cities only. Reply as Json: {"facts": [...]}';

    await extractor.extractFacts({ ...chat, customInstructions });

    expect(sent().messages[0]?.content).toBe(`${customInstructions}\n\nToday's date is ${TODAY}.`);
  });

  it('does not call the model when no turn of the counted side has content', async () => {
    const facts = await extractor.extractFacts({
      ...chat,
      messages: [
        { role: 'assistant', content: 'Hello! How can I help?' },
        { role: 'user', content: '  ' },
      ],
    });

    expect(facts).toEqual([]);
    expect(fake.requests).toHaveLength(0);
  });

  it('reads code-fenced JSON after a reasoning block and prose', async () => {
    fake.scriptChat(
      '<think>The user said a name.</think>Sure!\n```json\n{"facts": ["Name is Priya"]}\n```',
    );

    await expect(extractor.extractFacts(chat)).resolves.toEqual(['Name is Priya']);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['invalid_json', 'Priya lives in Leeds.'],
    ['empty_answer', '   '],
    ['missing_facts_key', '{"memories": ["Name is Priya"]}'],
  ])('returns no facts and warns %s', async (fault, reply) => {
    fake.scriptChat(reply);

    await expect(extractor.extractFacts(chat)).resolves.toEqual([]);
    expect(warnings).toEqual([{ fault, answerChars: reply.length, facts: 0 }]);
  });

  it('lets provider errors propagate', async () => {
    fake.scriptChat({ status: 429 });

    await expect(extractor.extractFacts(chat)).rejects.toMatchObject({
      name: 'ProviderError',
      code: 'provider_rate_limited',
      retryable: true,
    });
  });
});

describe(parseFactsAnswer.name, () => {
  it('accepts strings, {fact} and {text} items, dropping blanks and duplicates', () => {
    const answer = JSON.stringify({
      facts: [' Likes tea ', { fact: 'Has a cat' }, { text: 'Plays chess' }, '', 'likes tea.'],
    });

    expect(parseFactsAnswer(answer)).toEqual({
      facts: ['Likes tea', 'Has a cat', 'Plays chess'],
      faults: [],
    });
  });

  it('accepts a bare list', () => {
    expect(parseFactsAnswer('["Likes tea"]')).toEqual({ facts: ['Likes tea'], faults: [] });
  });

  it('keeps the readable facts and reports malformed items', () => {
    expect(parseFactsAnswer('{"facts": ["Likes tea", 42, {"name": "x"}, null]}')).toEqual({
      facts: ['Likes tea'],
      faults: ['malformed_item'],
    });
  });

  it('keeps the text of the user in its own language', () => {
    expect(parseFactsAnswer('{"facts": ["Mag grünen Tee", "喜欢川菜"]}')).toEqual({
      facts: ['Mag grünen Tee', '喜欢川菜'],
      faults: [],
    });
  });

  it('reports a facts value that is not a list', () => {
    expect(parseFactsAnswer('{"facts": "Likes tea"}')).toEqual({
      facts: [],
      faults: ['missing_facts_key'],
    });
  });
});
