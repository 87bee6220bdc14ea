import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

// The offline default: no API key, local extractor and GloVe + BM25 search.
describe('memory pipeline offline (local providers)', () => {
  let mnemo: MnemoStack;

  beforeAll(async () => {
    mnemo = await startMnemo({ services: ['gateway', 'extractor', 'embedder', 'vector-store'] });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  const add = (body: Record<string, unknown>) => http(mnemo.baseUrl, 'POST', '/memories', body);

  it("remembers the seed's restaurant conversation and recalls it three days later", async () => {
    const added = await add({
      messages: [
        {
          role: 'user',
          content:
            'I want to find a good restaurant, preferably Sichuan cuisine, with an average cost of about 100 yuan per person.',
        },
        { role: 'assistant', content: 'Recommend Shuxiangyuan (95 RMB per person)' },
      ],
      user_id: 'user_10086',
    });
    expect(added.status).toBe(200);
    const texts = (added.body.results as { memory: string; event: string }[]).map((r) => r.memory);
    expect(added.body.results.every((r: { event: string }) => r.event === 'ADD')).toBe(true);
    expect(texts.some((t) => /sichuan/i.test(t))).toBe(true);
    expect(texts.some((t) => /100 yuan/i.test(t))).toBe(true);

    const found = await http(mnemo.baseUrl, 'POST', '/search', {
      query: 'The restaurant you recommended last time was good. Are there any similar ones?',
      filters: { user_id: 'user_10086' },
      top_k: 3,
    });
    expect(found.status).toBe(200);
    const top3 = (found.body.results as { memory: string }[]).map((r) => r.memory);
    expect(top3.length).toBeLessThanOrEqual(3);
    expect(top3.some((t) => /sichuan/i.test(t))).toBe(true);
    expect(top3.some((t) => /100 yuan/i.test(t))).toBe(true);
  });

  it('keeps one current location: Hangzhou is updated to Shanghai, with the UPDATE in history', async () => {
    const first = await add({
      messages: [{ role: 'user', content: 'I live in Hangzhou' }],
      user_id: 'mover',
    });
    expect(first.body.results).toEqual([
      { id: expect.any(String), memory: 'Lives in Hangzhou', event: 'ADD' },
    ]);
    const second = await add({
      messages: [{ role: 'user', content: 'I moved to Shanghai' }],
      user_id: 'mover',
    });
    expect(second.body.results).toEqual([
      {
        id: first.body.results[0].id,
        memory: 'Lives in Shanghai',
        event: 'UPDATE',
        previous_memory: 'Lives in Hangzhou',
      },
    ]);
    const all = await http(mnemo.baseUrl, 'GET', '/memories?user_id=mover');
    expect(all.body.results.map((m: { memory: string }) => m.memory)).toEqual([
      'Lives in Shanghai',
    ]);
    const history = await http(
      mnemo.baseUrl,
      'GET',
      `/memories/${first.body.results[0].id}/history`,
    );
    expect(
      history.body.map((h: { event: string; old_memory: string | null; new_memory: string }) => [
        h.event,
        h.old_memory,
        h.new_memory,
      ]),
    ).toEqual([
      ['ADD', null, 'Lives in Hangzhou'],
      ['UPDATE', 'Lives in Hangzhou', 'Lives in Shanghai'],
    ]);
  });

  it('leaves exactly one memory after 50 concurrent identical adds', async () => {
    const body = {
      messages: [{ role: 'user', content: 'I am allergic to peanuts' }],
      user_id: 'crowd',
    };
    const answers = await Promise.all(Array.from({ length: 50 }, () => add(body)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const all = await http(mnemo.baseUrl, 'GET', '/memories?user_id=crowd');
    expect(all.body.results).toHaveLength(1);
    expect(all.body.results[0].memory).toMatch(/allergic to peanuts/i);
  }, 60_000);

  it('stores a procedural memory for an agent as one summary', async () => {
    const added = await add({
      messages: [
        { role: 'user', content: 'Book a table for two at Shuxiangyuan' },
        { role: 'assistant', content: 'Opened the booking page and reserved 19:00 for two' },
      ],
      agent_id: 'booking-agent',
      memory_type: 'procedural_memory',
    });
    expect(added.status).toBe(200);
    expect(added.body.results).toHaveLength(1);
    const stored = await http(mnemo.baseUrl, 'GET', `/memories/${added.body.results[0].id}`);
    expect(stored.body.metadata).toEqual({ memory_type: 'procedural_memory' });
    expect(stored.body.memory).toContain('reserved 19:00 for two');
  });

  it('extracts nothing from small talk', async () => {
    const added = await add({
      messages: [{ role: 'user', content: 'Hi, how are you today?' }],
      user_id: 'chatty',
    });
    expect(added).toMatchObject({ status: 200, body: { results: [] } });
  });

  it('shows, validates and merges configuration, and generates extraction instructions', async () => {
    expect((await http(mnemo.baseUrl, 'GET', '/configure/providers')).body).toEqual({
      llm: ['openai', 'local'],
      embedder: ['openai', 'local'],
    });
    const bad = await http(mnemo.baseUrl, 'POST', '/configure', { llm: { provider: 'anthropic' } });
    expect(bad.status).toBe(400);
    expect(bad.body.detail).toContain('anthropic');
    const set = await http(mnemo.baseUrl, 'POST', '/configure', {
      custom_instructions: 'Only keep food preferences',
      llm: { config: { api_key: 'sk-secret' } },
    });
    expect(set).toMatchObject({ status: 200, body: { message: 'Configuration set successfully' } });
    const current = await http(mnemo.baseUrl, 'GET', '/configure');
    expect(current.body).toMatchObject({
      custom_instructions: 'Only keep food preferences',
      llm: { provider: 'local', config: { api_key: '[redacted]' } },
      embedder: { provider: 'local' },
    });
    const generated = await http(mnemo.baseUrl, 'POST', '/generate-instructions', {
      use_case: 'a travel booking assistant',
    });
    expect(generated.status).toBe(200);
    expect(generated.body.custom_instructions).toContain('a travel booking assistant');
    expect(typeof generated.body.test_message).toBe('string');
    expect((await http(mnemo.baseUrl, 'POST', '/generate-instructions', {})).status).toBe(422);
  });
});
