import type { ScoredMemory } from '@mnemo/contracts';
import { FakeOpenAiServer } from '@mnemo/testing';
import type { GatewayConfig } from '../config/gateway.config';
import { createLlmReranker, LlmReranker } from './llm-reranker';

function found(id: string, score: number): ScoredMemory {
  return { id, memory: `memory ${id}`, score } as ScoredMemory;
}

const fused = [found('a', 0.9), found('b', 0.8), found('c', 0.7)];
const order = (memories: ScoredMemory[]) => memories.map((m) => [m.id, m.score]);
const fusedOrder = order(fused);

describe(LlmReranker.name, () => {
  let fake: FakeOpenAiServer;
  let reranker: LlmReranker;
  let warnings: Record<string, unknown>[];

  const config = (overrides: Partial<GatewayConfig> = {}) =>
    ({
      MNEMO_LLM_PROVIDER: 'openai',
      OPENAI_API_KEY: 'sk-test',
      OPENAI_BASE_URL: fake.baseURL,
      MNEMO_LLM_MODEL: 'gpt-extract',
      MNEMO_RERANK_MODEL: 'gpt-rerank',
      MNEMO_RERANK_TIMEOUT_MS: 300,
      MNEMO_RERANK_CANDIDATES: 20,
      MNEMO_SEARCH_CONCURRENCY: 8,
      ...overrides,
    }) as GatewayConfig;
  const chatCalls = () => fake.requests.filter((r) => r.path.endsWith('/chat/completions'));

  beforeEach(async () => {
    fake = await FakeOpenAiServer.start({ apiKey: 'sk-test' });
    warnings = [];
    reranker = createLlmReranker(config(), { warn: (obj: object) => warnings.push({ ...obj }) })!;
  });

  afterEach(async () => {
    reranker.onApplicationShutdown();
    await fake.stop();
  });

  it('is not built offline', () => {
    expect(createLlmReranker(config({ MNEMO_LLM_PROVIDER: 'local' }), console)).toBeNull();
  });

  it('fetches at least its candidates, or top_k when more', () => {
    expect(reranker.depth(5)).toBe(20);
    expect(reranker.depth(50)).toBe(50);
  });

  it('orders by the scores of one JSON-mode call to the rerank model', async () => {
    fake.scriptChat('{"scores": [1, 9, 6]}');
    const reranked = await reranker.rerank('which one?', fused, 2);
    expect(order(reranked)).toEqual([
      ['b', 0.9],
      ['c', 0.6],
    ]);
    expect(chatCalls()).toHaveLength(1);
    expect(chatCalls()[0].body).toMatchObject({
      model: 'gpt-rerank',
      temperature: 0,
      response_format: { type: 'json_object' },
    });
    expect(JSON.stringify(chatCalls()[0].body)).toContain(
      '0. memory a\\n1. memory b\\n2. memory c',
    );
    expect(warnings).toEqual([]);
  });

  it('keeps the fused order when the answer holds no usable scores', async () => {
    fake.scriptChat('I would rank memory b first.');
    expect(order(await reranker.rerank('which one?', fused, 3))).toEqual(fusedOrder);
    expect(warnings).toEqual([expect.objectContaining({ fault: 'bad_output' })]);
  });

  it('keeps the fused order when the LLM does not answer within the timeout', async () => {
    fake.scriptChat({ delayMs: 2_000, content: '{"scores": [1, 9, 6]}' });
    const started = performance.now();
    expect(order(await reranker.rerank('which one?', fused, 3))).toEqual(fusedOrder);
    expect(performance.now() - started).toBeLessThan(1_500);
    expect(warnings).toEqual([expect.objectContaining({ fault: 'provider_timeout' })]);
  });

  it('tries once per search, and stops calling while its circuit is open', async () => {
    for (let i = 0; i < 5; i++) fake.scriptChat({ status: 503 });
    for (let i = 0; i < 5; i++) {
      expect(order(await reranker.rerank('which one?', fused, 3))).toEqual(fusedOrder);
    }
    expect(chatCalls()).toHaveLength(5);
    fake.scriptChat('{"scores": [1, 9, 6]}');
    expect(order(await reranker.rerank('which one?', fused, 3))).toEqual(fusedOrder);
    expect(chatCalls()).toHaveLength(5);
    expect(warnings.at(-1)).toMatchObject({ fault: 'provider_unavailable' });
  });

  it('answers nothing for nothing, without a call', async () => {
    expect(await reranker.rerank('which one?', [], 3)).toEqual([]);
    expect(chatCalls()).toHaveLength(0);
  });
});
