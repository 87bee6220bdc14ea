import { OpenAiLlmProvider } from '@mnemo/providers';
import { FakeOpenAiServer } from '@mnemo/testing';
import type { CategorisedExtractionInput } from '../extraction-steps';
import { LlmFactExtractor, parseFactsAnswer } from './llm-fact.extractor';
import { agentFactExtractionPrompt, userFactExtractionPrompt } from './prompts';

const TODAY = '2026-04-20';

const CATEGORIES = [
  { name: 'personal_details', description: 'Name, age, where the user lives' },
  { name: 'pets', description: 'Animals the user has' },
  { name: 'misc', description: 'Anything else' },
];
const chat: CategorisedExtractionInput = {
  messages: [
    { role: 'user', content: "I'm Priya and I live in Leeds." },
    { role: 'assistant', content: 'Nice to meet you, Priya! I am Nova.' },
  ],
  agentMemory: false,
  today: TODAY,
  categories: CATEGORIES,
};
const tagged = (...facts: [string, string[]][]) =>
  JSON.stringify({ facts: facts.map(([fact, categories]) => ({ fact, categories })) });

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
    fake.scriptChat(
      tagged(['Name is Priya', ['personal_details']], ['Lives in Leeds', ['personal_details']]),
    );

    const facts = await extractor.extract(chat);

    expect(facts).toEqual([
      { text: 'Name is Priya', categories: ['personal_details'] },
      { text: 'Lives in Leeds', categories: ['personal_details'] },
    ]);
    expect(sent().response_format).toEqual({ type: 'json_object' });
    expect(sent().temperature).toBe(0);
    expect(sent().messages).toEqual([
      { role: 'system', content: userFactExtractionPrompt(TODAY, CATEGORIES) },
      {
        role: 'user',
        content:
          "Input:\nuser: I'm Priya and I live in Leeds.\nassistant: Nice to meet you, Priya! I am Nova.",
      },
    ]);
    expect(sent().messages[0]?.content).toContain(`Today's date is ${TODAY}.`);
    expect(sent().messages[0]?.content).toContain('- pets: Animals the user has\n');
    expect(fake.requests).toHaveLength(1);
    expect(warnings).toEqual([]);
  });

  it('files facts the model left uncategorised by the rules, and warns once', async () => {
    fake.scriptChat(
      JSON.stringify({
        facts: ['Has two cats', { fact: 'Lives in Leeds', categories: ['Places'] }],
      }),
    );
    await expect(extractor.extract(chat)).resolves.toEqual([
      { text: 'Has two cats', categories: ['pets'] },
      { text: 'Lives in Leeds', categories: ['personal_details'] },
    ]);
    expect(warnings).toEqual([
      { fault: 'missing_categories', answerChars: expect.any(Number), facts: 2 },
    ]);
  });

  it("uses the agent prompt for facts from the assistant's turns", async () => {
    fake.scriptChat(tagged(['Name is Nova', ['personal_details']]));

    const facts = await extractor.extract({ ...chat, agentMemory: true });

    expect(facts).toEqual([{ text: 'Name is Nova', categories: ['personal_details'] }]);
    expect(sent().messages[0]).toEqual({
      role: 'system',
      content: agentFactExtractionPrompt(TODAY, CATEGORIES),
    });
  });

  it('replaces the prompt with custom instructions and adds the categories and the JSON shape', async () => {
    fake.scriptChat(tagged(['Lives in Leeds', ['personal_details']]));

    await extractor.extract({ ...chat, customInstructions: 'Only keep where the user lives.' });

    expect(sent().messages[0]).toEqual({
      role: 'system',
      content:
        "Only keep where the user lives.\n\nToday's date is 2026-04-20.\n\n" +
        'Tag every fact with the categories it belongs to, using only these names (one or more per fact):\n' +
        '- personal_details: Name, age, where the user lives\n- pets: Animals the user has\n- misc: Anything else\n\n' +
        'Answer with one JSON object and nothing else, in this shape: {"facts": [{"fact": "fact one", "categories": ["category"]}, {"fact": "fact two", "categories": ["category", "another category"]}]}',
    });
  });

  it('leaves custom instructions that mention JSON without the added shape', async () => {
    fake.scriptChat('{"facts": []}');
    const customInstructions = 'Keep cities only. Reply as Json: {"facts": [...]}';

    await extractor.extract({ ...chat, customInstructions });

    const content = sent().messages[0]?.content ?? '';
    expect(
      content.startsWith(`${customInstructions}\n\nToday's date is ${TODAY}.\n\nTag every fact`),
    ).toBe(true);
    expect(content.endsWith('\n- misc: Anything else')).toBe(true);
  });

  it('does not call the model when no turn of the counted side has content', async () => {
    const facts = await extractor.extract({
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
      '<think>The user said a name.</think>Sure!\n```json\n' +
        tagged(['Name is Priya', ['personal_details']]) +
        '\n```',
    );

    await expect(extractor.extract(chat)).resolves.toEqual([
      { text: 'Name is Priya', categories: ['personal_details'] },
    ]);
    expect(warnings).toEqual([]);
  });

  it.each([
    ['invalid_json', 'Priya lives in Leeds.'],
    ['empty_answer', '   '],
    ['missing_facts_key', '{"memories": ["Name is Priya"]}'],
  ])('returns no facts and warns %s', async (fault, reply) => {
    fake.scriptChat(reply);

    await expect(extractor.extract(chat)).resolves.toEqual([]);
    expect(warnings).toEqual([{ fault, answerChars: reply.length, facts: 0 }]);
  });

  it('lets provider errors propagate', async () => {
    fake.scriptChat({ status: 429 });

    await expect(extractor.extract(chat)).rejects.toMatchObject({
      name: 'ProviderError',
      code: 'provider_rate_limited',
      retryable: true,
    });
  });
});

describe(parseFactsAnswer.name, () => {
  const parse = (answer: unknown) =>
    parseFactsAnswer(typeof answer === 'string' ? answer : JSON.stringify(answer), CATEGORIES);

  it('reads {fact, categories} items, keeping known names in their listed spelling', () => {
    expect(
      parse({
        facts: [
          { fact: ' Has a cat ', categories: ['PETS', 'misc', 'misc'] },
          { fact: 'Lives in Leeds', category: 'personal_details' },
        ],
      }),
    ).toEqual({
      facts: [
        { text: 'Has a cat', categories: ['pets', 'misc'] },
        { text: 'Lives in Leeds', categories: ['personal_details'] },
      ],
      faults: [],
    });
  });

  it('leaves a fact uncategorised when its names are all unknown, missing or not strings', () => {
    expect(
      parse({
        facts: [
          { fact: 'Plays chess', categories: ['games'] },
          { text: 'Runs daily' },
          { fact: 'Sings', categories: [3, null] },
          { fact: 'Reads', categories: 'books, misc' },
        ],
      }),
    ).toEqual({
      facts: [
        { text: 'Plays chess', categories: undefined },
        { text: 'Runs daily', categories: undefined },
        { text: 'Sings', categories: undefined },
        { text: 'Reads', categories: undefined },
      ],
      faults: ['missing_categories'],
    });
  });

  it('accepts plain strings and a bare list, dropping blanks and duplicates', () => {
    expect(parse(['Likes tea', { fact: 'likes tea.', categories: ['misc'] }, ' '])).toEqual({
      facts: [{ text: 'Likes tea', categories: undefined }],
      faults: ['missing_categories'],
    });
  });

  it('keeps the readable facts and reports malformed items', () => {
    expect(
      parse('{"facts": [{"fact": "Likes tea", "categories": ["misc"]}, 42, {"name": "x"}, null]}'),
    ).toEqual({
      facts: [{ text: 'Likes tea', categories: ['misc'] }],
      faults: ['malformed_item'],
    });
  });

  it('keeps the text of the user in its own language', () => {
    expect(parse({ facts: [{ fact: '喜欢川菜', categories: ['misc'] }] }).facts).toEqual([
      { text: '喜欢川菜', categories: ['misc'] },
    ]);
  });

  it.each([
    ['a facts value that is not a list', '{"facts": "Likes tea"}', 'missing_facts_key'],
    ['an object without facts', '{"memories": ["Likes tea"]}', 'missing_facts_key'],
    ['text that holds no JSON', 'Likes tea.', 'invalid_json'],
    ['an empty answer', ' ', 'empty_answer'],
  ])('reports %s and gives no facts', (_name, answer, fault) => {
    expect(parse(answer)).toEqual({ facts: [], faults: [fault] });
  });
});
