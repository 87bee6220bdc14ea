import { OpenAiLlmProvider } from '@mnemo/providers';
import { FakeOpenAiServer } from '@mnemo/testing';
import { LlmUpdateDecider } from './llm-update.decider';

const TEA = { id: '3f0c2a8e-7a51-4c1e-9d0a-5b8e1f2c4d6a', text: 'Drinks green tea' };
const JOB = { id: '9b7e4d1c-2f3a-4b5c-8d6e-0a1b2c3d4e5f', text: 'Works as a teacher' };
const CITY = { id: 'c4d5e6f7-0819-4a2b-b3c4-d5e6f7081920', text: 'Lives in Leeds' };
const STRANGER_UUID = '0e8a7c6b-5d4e-4f3a-9b2c-1d0e9f8a7b6c';

interface Warning {
  obj: Record<string, unknown>;
  msg: string;
}

function answer(...memory: Record<string, unknown>[]): string {
  return JSON.stringify({ memory });
}

describe(LlmUpdateDecider.name, () => {
  let fake: FakeOpenAiServer;
  let llm: OpenAiLlmProvider;
  let warnings: Warning[];
  let decider: LlmUpdateDecider;

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
    decider = new LlmUpdateDecider(llm, { warn: (obj, msg) => warnings.push({ obj, msg }) });
  });

  afterEach(async () => {
    llm.close();
    await fake.stop();
  });

  function faults(): [unknown, unknown][] {
    return warnings.map(({ obj }) => [obj['fault'], obj['count']]);
  }

  function prompt(): string {
    const body = fake.requests[0]?.body as { messages: { content: string }[] };
    return body.messages[0]?.content ?? '';
  }

  describe('a well-formed answer', () => {
    it('sends small integer ids, the facts and JSON mode, never a real id', async () => {
      fake.scriptChat(answer({ id: '0', text: TEA.text, event: 'NONE' }));

      await decider.decide({ facts: ['Drinks tea daily', 'Has a cat'], existing: [TEA, JOB] });

      expect(fake.requests).toHaveLength(1);
      const body = fake.requests[0]?.body as Record<string, unknown>;
      expect(body['response_format']).toEqual({ type: 'json_object' });
      expect(body['messages']).toEqual([{ role: 'user', content: prompt() }]);
      expect(prompt()).toContain(
        'Current memories:\n[{"id":"0","text":"Drinks green tea"},{"id":"1","text":"Works as a teacher"}]',
      );
      expect(prompt()).toContain('New facts:\n["Drinks tea daily","Has a cat"]');
      expect(prompt()).not.toContain(TEA.id);
      expect(prompt()).not.toContain(JOB.id);
    });

    it('maps ADD, UPDATE, DELETE and NONE back to the real ids', async () => {
      fake.scriptChat(
        answer(
          { id: '0', text: TEA.text, event: 'DELETE' },
          { id: '1', text: 'Works as a head teacher', event: 'UPDATE', old_memory: JOB.text },
          { id: 2, text: CITY.text, event: 'NONE' },
          { id: '3', text: 'Dislikes tea', event: 'ADD' },
        ),
      );

      const decisions = await decider.decide({
        facts: ['Dislikes tea', 'Works as a head teacher', 'Lives in Leeds'],
        existing: [TEA, JOB, CITY],
      });

      expect(decisions).toEqual([
        { event: 'DELETE', id: TEA.id, text: TEA.text },
        { event: 'UPDATE', id: JOB.id, text: 'Works as a head teacher', oldMemory: JOB.text },
        { event: 'ADD', text: 'Dislikes tea' },
        { event: 'NONE', id: CITY.id, text: CITY.text },
      ]);
      expect(warnings).toEqual([]);
    });

    it('takes the old text of an UPDATE from the store, not from the answer', async () => {
      fake.scriptChat(
        answer({ id: '0', text: 'Works as a head teacher', event: 'update', old_memory: 'Nurse' }),
      );

      const decisions = await decider.decide({ facts: ['Is a head teacher'], existing: [JOB] });

      expect(decisions).toEqual([
        { event: 'UPDATE', id: JOB.id, text: 'Works as a head teacher', oldMemory: JOB.text },
      ]);
      expect(warnings).toEqual([]);
    });

    it('reads JSON wrapped in a code fence and prose', async () => {
      fake.scriptChat(
        'Here you go:\n```json\n' + answer({ id: '0', text: TEA.text, event: 'NONE' }) + '\n```',
      );

      const decisions = await decider.decide({ facts: ['Drinks green tea'], existing: [TEA] });

      expect(decisions).toEqual([{ event: 'NONE', id: TEA.id, text: TEA.text }]);
      expect(warnings).toEqual([]);
    });
  });

  describe('without a call', () => {
    it('returns no decisions for no facts', async () => {
      await expect(decider.decide({ facts: [], existing: [TEA] })).resolves.toEqual([]);
      expect(fake.requests).toHaveLength(0);
    });

    it('ADDs every distinct fact when nothing related is stored', async () => {
      const decisions = await decider.decide({
        facts: ['Has a cat', 'has a cat.', 'Plays chess'],
        existing: [],
      });

      expect(decisions).toEqual([
        { event: 'ADD', text: 'Has a cat' },
        { event: 'ADD', text: 'Plays chess' },
      ]);
      expect(fake.requests).toHaveLength(0);
    });
  });

  describe('an unreadable answer', () => {
    const facts = ['drinks green tea.', 'Plays chess'];
    const fallback = [
      { event: 'NONE', id: TEA.id, text: TEA.text },
      { event: 'ADD', text: 'Plays chess' },
    ];

    it.each([
      ['invalid_json', 'I would add the chess fact.'],
      ['empty_answer', ''],
      ['missing_memory_key', '{"memories": []}'],
      ['empty_memory_list', '{"memory": []}'],
    ])('falls back to ADDing facts not stored word for word on %s', async (fault, reply) => {
      fake.scriptChat(reply);

      const decisions = await decider.decide({ facts, existing: [TEA] });

      expect(decisions).toEqual(fallback);
      expect(faults()).toEqual([[fault, 1]]);
    });
  });

  describe('faulty items', () => {
    it('ADDs an item without event only when its id is new and its text not empty', async () => {
      fake.scriptChat(
        answer(
          { id: '0', text: 'Drinks green tea at work' },
          { id: '1', text: 'Plays chess' },
          { id: '2', text: '' },
          { id: '3', text: 'Runs daily', event: 'MERGE' },
        ),
      );

      const decisions = await decider.decide({ facts: ['Plays chess'], existing: [TEA] });

      expect(decisions).toEqual([
        { event: 'ADD', text: 'Plays chess' },
        { event: 'ADD', text: 'Runs daily' },
      ]);
      expect(faults()).toEqual([
        ['missing_event', 3],
        ['unknown_event', 1],
      ]);
    });

    it('skips UPDATE and DELETE of ids it did not show, hallucinated UUIDs and real ids too', async () => {
      fake.scriptChat(
        answer(
          { id: '7', text: 'Works as a head teacher', event: 'UPDATE' },
          { id: STRANGER_UUID, text: 'Lives in York', event: 'DELETE' },
          { id: TEA.id, text: 'Drinks black tea', event: 'UPDATE' },
          { id: '0', text: TEA.text, event: 'NONE' },
        ),
      );

      const decisions = await decider.decide({
        facts: ['Works as a head teacher'],
        existing: [TEA],
      });

      expect(decisions).toEqual([
        { event: 'NONE', id: TEA.id, text: TEA.text },
        { event: 'ADD', text: 'Works as a head teacher' },
      ]);
      expect(faults()).toEqual([
        ['unknown_id', 3],
        ['lost_fact', 1],
      ]);
    });

    it('skips an UPDATE with empty text and keeps the fact', async () => {
      fake.scriptChat(answer({ id: '0', text: ' ', event: 'UPDATE' }));

      const decisions = await decider.decide({ facts: ['Is a head teacher'], existing: [JOB] });

      expect(decisions).toEqual([{ event: 'ADD', text: 'Is a head teacher' }]);
      expect(faults()).toEqual([
        ['empty_text', 1],
        ['lost_fact', 1],
      ]);
    });

    it('keeps the first of two operations on one memory', async () => {
      fake.scriptChat(
        answer(
          { id: '0', text: 'Works as a head teacher', event: 'UPDATE' },
          { id: '0', text: JOB.text, event: 'DELETE' },
        ),
      );

      const decisions = await decider.decide({
        facts: ['Works as a head teacher'],
        existing: [JOB],
      });

      expect(decisions).toEqual([
        { event: 'UPDATE', id: JOB.id, text: 'Works as a head teacher', oldMemory: JOB.text },
      ]);
      expect(faults()).toEqual([['conflicting_id', 1]]);
    });
  });

  describe('known Mem0 failure modes', () => {
    it('turns an ADD of a stored text into NONE (no duplicate memory)', async () => {
      fake.scriptChat(answer({ id: '1', text: 'drinks green tea.', event: 'ADD' }));

      const decisions = await decider.decide({ facts: ['Drinks green tea'], existing: [TEA] });

      expect(decisions).toEqual([{ event: 'NONE', id: TEA.id, text: TEA.text }]);
      expect(faults()).toEqual([['duplicate_add', 1]]);
    });

    it('turns a DELETE of a memory the facts restate into NONE (#1674)', async () => {
      fake.scriptChat(answer({ id: '0', text: TEA.text, event: 'DELETE' }));

      const decisions = await decider.decide({ facts: ['Drinks green tea'], existing: [TEA] });

      expect(decisions).toEqual([{ event: 'NONE', id: TEA.id, text: TEA.text }]);
      expect(faults()).toEqual([['duplicate_delete', 1]]);
    });

    it('keeps a contradiction DELETE and ADDs the fact the model dropped (#4536)', async () => {
      fake.scriptChat(
        answer(
          { id: '0', text: TEA.text, event: 'DELETE' },
          { id: '1', text: CITY.text, event: 'NONE' },
        ),
      );

      const decisions = await decider.decide({
        facts: ['Does not drink tea any more', 'Lives in Leeds'],
        existing: [TEA, CITY],
      });

      expect(decisions).toEqual([
        { event: 'DELETE', id: TEA.id, text: TEA.text },
        { event: 'NONE', id: CITY.id, text: CITY.text },
        { event: 'ADD', text: 'Does not drink tea any more' },
      ]);
      expect(faults()).toEqual([['lost_fact', 1]]);
    });
  });

  it('lets a provider timeout propagate, for the pipeline to retry the job', async () => {
    fake.scriptChat({ delayMs: 10_000, content: answer() });
    const slow = new OpenAiLlmProvider({
      apiKey: 'sk-test',
      baseURL: fake.baseURL,
      model: 'gpt-test',
      timeoutMs: 150,
      maxRetries: 0,
    });
    const timed = new LlmUpdateDecider(slow, { warn: (obj, msg) => warnings.push({ obj, msg }) });

    try {
      await expect(timed.decide({ facts: ['Plays chess'], existing: [TEA] })).rejects.toMatchObject(
        { name: 'ProviderError', code: 'provider_timeout', retryable: true },
      );
      expect(warnings).toEqual([]);
    } finally {
      slow.close();
    }
  });
});
