import { OpenAiLlmProvider } from '@mnemo/providers';
import { FakeOpenAiServer } from '@mnemo/testing';
import { LlmInstructionGenerator, splitInstructionsAnswer } from './llm-instruction.generator';
import { GENERATE_INSTRUCTIONS_PROMPT } from './prompts';

describe(LlmInstructionGenerator.name, () => {
  let fake: FakeOpenAiServer;
  let llm: OpenAiLlmProvider;
  let warnings: Record<string, unknown>[];
  let generator: LlmInstructionGenerator;

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
    generator = new LlmInstructionGenerator(llm, { warn: (obj) => warnings.push(obj) });
  });

  afterEach(async () => {
    llm.close();
    await fake.stop();
  });

  it('asks with the use case and splits the answer on the markers', async () => {
    fake.scriptChat(
      'INSTRUCTIONS:\nRemember dietary needs.\nIgnore small talk.\nTEST_MESSAGE:\nI am vegan.',
    );

    const generated = await generator.generate('  A recipe assistant ');

    expect(generated).toEqual({
      customInstructions: 'Remember dietary needs.\nIgnore small talk.',
      testMessage: 'I am vegan.',
    });
    expect(fake.requests[0]?.body).toEqual({
      model: 'gpt-test',
      messages: [
        { role: 'system', content: GENERATE_INSTRUCTIONS_PROMPT },
        { role: 'user', content: 'Use case: A recipe assistant' },
      ],
    });
    expect(warnings).toEqual([]);
  });

  it('warns about a missing marker and still answers', async () => {
    fake.scriptChat('Remember dietary needs.');

    await expect(generator.generate('A recipe assistant')).resolves.toEqual({
      customInstructions: 'Remember dietary needs.',
      testMessage: '',
    });
    expect(warnings).toEqual([
      { fault: 'missing_marker', marker: 'INSTRUCTIONS', answerChars: 23 },
      { fault: 'missing_marker', marker: 'TEST_MESSAGE', answerChars: 23 },
    ]);
  });
});

describe(splitInstructionsAnswer.name, () => {
  it('reads markers in bold or as headings and unquotes the test message', () => {
    const answer = '**INSTRUCTIONS:**\nKeep allergies.\n\n### TEST MESSAGE:\n"I react to peanuts."';

    expect(splitInstructionsAnswer(answer)).toEqual({
      sections: { customInstructions: 'Keep allergies.', testMessage: 'I react to peanuts.' },
      missing: [],
    });
  });

  it('reads the sections in either order', () => {
    const answer = 'TEST_MESSAGE: I moved to Oslo.\nINSTRUCTIONS: Keep where the user lives.';

    expect(splitInstructionsAnswer(answer).sections).toEqual({
      customInstructions: 'Keep where the user lives.',
      testMessage: 'I moved to Oslo.',
    });
  });

  it('takes the text before TEST_MESSAGE as the instructions when INSTRUCTIONS is missing', () => {
    expect(splitInstructionsAnswer('Keep allergies.\nTEST_MESSAGE: I react to peanuts.')).toEqual({
      sections: { customInstructions: 'Keep allergies.', testMessage: 'I react to peanuts.' },
      missing: ['INSTRUCTIONS'],
    });
  });

  it('leaves the test message empty when TEST_MESSAGE is missing', () => {
    expect(splitInstructionsAnswer('INSTRUCTIONS:\n```\nKeep allergies.\n```')).toEqual({
      sections: { customInstructions: 'Keep allergies.', testMessage: '' },
      missing: ['TEST_MESSAGE'],
    });
  });
});
