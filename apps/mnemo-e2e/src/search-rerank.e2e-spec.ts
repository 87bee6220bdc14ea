import { freePort } from '@mnemo/devstack';
import { FakeOpenAiServer, startMnemo, type MnemoStack } from '@mnemo/testing';
import type { MemoryClient } from 'mem0ai';
import { http } from './http';
import {
  createPlatformProject,
  tokenCaller,
  type PlatformProject,
} from './support/platform-project';

const loadMem0 = () => import('mem0ai');

const adminKey = 'search-rerank-admin-key';
const llmKey = 'sk-rerank-e2e';
const rerankTimeoutMs = 700;

interface Found {
  id: string;
  memory: string;
  score: number;
}

// Offline (GloVe + BM25 + the local second stage) on one gateway; a second gateway of the same
// stack has an LLM (the fake OpenAI-compatible server) to rerank with.
describe('search with rerank and keyword_search', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;
  let project: PlatformProject;
  let llmGatewayUrl: string;
  let client: MemoryClient;
  const offline = tokenCaller(() => mnemo.baseUrl);
  const withLlm = tokenCaller(() => llmGatewayUrl);

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: llmKey });
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    const port = await freePort();
    await mnemo.start('gateway', {
      env: {
        MNEMO_HTTP_PORT: String(port),
        OPENAI_API_KEY: llmKey,
        OPENAI_BASE_URL: llm.baseURL,
        MNEMO_LLM_PROVIDER: 'openai',
        MNEMO_EMBEDDER_PROVIDER: 'local',
        MNEMO_RERANK_TIMEOUT_MS: String(rerankTimeoutMs),
      },
    });
    llmGatewayUrl = `http://127.0.0.1:${port}`;
    project = await createPlatformProject(mnemo.baseUrl, adminKey, 'rerank-project');
    const mem0 = await loadMem0();
    client = new mem0.MemoryClient({ apiKey: project.api_key, host: mnemo.baseUrl });
  }, 180_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
  });

  beforeEach(() => llm.reset());

  /** One add of the texts verbatim: one memory each, written at the same instant. */
  const remember = async (userId: string, ...texts: string[]) => {
    const answer = await offline(project.api_key, 'POST', '/v3/memories/add/', {
      user_id: userId,
      infer: false,
      messages: texts.map((content) => ({ role: 'user', content })),
    });
    expect(answer).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
  };
  const searchV3 = async (
    call: typeof offline,
    userId: string,
    query: string,
    options: Record<string, unknown> = {},
  ): Promise<Found[]> => {
    const answer = await call(project.api_key, 'POST', '/v3/memories/search/', {
      query,
      filters: { user_id: userId },
      ...options,
    });
    expect(answer.status).toBe(200);
    return answer.body.results as Found[];
  };
  const texts = (found: Found[]) => found.map((m) => m.memory);
  const chatCalls = () => llm.requests.filter((r) => r.path.endsWith('/chat/completions'));

  const keywordOnly =
    'Jazz is the name of the grumpy old cat next door; it sleeps on the car roof and scratched our garden fence at the concert hall parking lot';
  const symphony = 'I bought tickets for the symphony orchestra next month';

  it('keyword_search ranks the keyword match first where the hybrid ranking does not', async () => {
    await remember(
      'jazz-fan',
      symphony,
      keywordOnly,
      'I play piano every evening',
      'My favourite band is touring in spring',
      'We adopted a dog last week',
    );
    const hybrid = await searchV3(offline, 'jazz-fan', 'jazz concert tickets', { threshold: 0 });
    expect(texts(hybrid).slice(0, 2)).toEqual([symphony, keywordOnly]);

    const keyword = await searchV3(offline, 'jazz-fan', 'jazz concert tickets', {
      threshold: 0,
      keyword_search: true,
    });
    // Only memories holding a query term, by BM25 alone, the best scoring 1.
    expect(texts(keyword)).toEqual([keywordOnly, symphony]);
    expect(keyword[0].score).toBe(1);
    expect(keyword[1].score).toBeGreaterThan(0);
    expect(keyword[1].score).toBeLessThan(1);

    // The same through the open-source route and the legacy v2 route.
    const oss = await http(
      mnemo.baseUrl,
      'POST',
      '/search',
      { query: 'jazz concert tickets', user_id: 'jazz-fan', threshold: 0, keyword_search: true },
      { 'x-api-key': project.api_key },
    );
    expect(oss.status).toBe(200);
    expect(texts(oss.body.results as Found[])).toEqual([keywordOnly, symphony]);
    const v2 = await offline(project.api_key, 'POST', '/v2/memories/search/', {
      query: 'jazz concert tickets',
      filters: { user_id: 'jazz-fan' },
      threshold: 0,
      keyword_search: true,
    });
    expect(texts(v2.body as Found[])).toEqual([keywordOnly, symphony]);
  });

  const phrase = 'I only drink red wine from Italy when my brother visits';
  const scattered = 'Italy trip: wine tasting, red cliffs, more wine, Italy again';

  it('rerank offline lifts the exact phrase above scattered keywords (mem0ai client)', async () => {
    await remember('wine-lover', scattered, phrase, 'I like beer', 'My car is blue');
    const fused = await client.search('red wine from Italy', {
      filters: { user_id: 'wine-lover' },
      threshold: 0,
    });
    expect(fused.results.map((m) => m.memory).slice(0, 2)).toEqual([scattered, phrase]);

    const reranked = await client.search('red wine from Italy', {
      filters: { user_id: 'wine-lover' },
      threshold: 0,
      rerank: true,
    });
    expect(reranked.results.map((m) => m.memory)).toEqual([
      phrase,
      scattered,
      ...fused.results.slice(2).map((m) => m.memory),
    ]);
    const scores = reranked.results.map((m) => m.score!);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    for (const score of scores) expect(score >= 0 && score <= 1).toBe(true);
    // top_k still cuts the reranked list; the offline gateway asked no LLM.
    const top = await searchV3(offline, 'wine-lover', 'red wine from Italy', {
      threshold: 0,
      rerank: true,
      top_k: 1,
    });
    expect(texts(top)).toEqual([phrase]);
    expect(chatCalls()).toHaveLength(0);
  });

  describe('with an LLM configured', () => {
    const pets = ['Has a cat named Miso', 'Walks the dog at 7 am', 'Keeps two goldfish'];
    let fused: Found[];

    beforeAll(async () => {
      await remember('pet-owner', ...pets);
      fused = await searchV3(withLlm, 'pet-owner', 'which pets do I have?', { threshold: 0 });
      expect(fused).toHaveLength(3);
      expect(llm.requests).toHaveLength(0);
    });

    it('orders by the scores of one LLM call, each score the judged one', async () => {
      llm.scriptChat('{"scores": [2, 10, 6]}');
      const reranked = await searchV3(withLlm, 'pet-owner', 'which pets do I have?', {
        threshold: 0,
        rerank: true,
      });
      expect(reranked.map((m) => [m.memory, m.score])).toEqual([
        [fused[1].memory, 1],
        [fused[2].memory, 0.6],
        [fused[0].memory, 0.2],
      ]);
      expect(chatCalls()).toHaveLength(1);
      const prompt = JSON.stringify(chatCalls()[0].body);
      expect(prompt).toContain('Query: which pets do I have?');
      fused.forEach((m, i) => expect(prompt).toContain(`${i}. ${m.memory}`));
    });

    it('answers the fused order when the LLM answers garbage', async () => {
      llm.scriptChat('The goldfish, obviously.');
      const reranked = await searchV3(withLlm, 'pet-owner', 'which pets do I have?', {
        threshold: 0,
        rerank: true,
      });
      expect(reranked.map((m) => [m.memory, m.score])).toEqual(
        fused.map((m) => [m.memory, m.score]),
      );
      expect(chatCalls()).toHaveLength(1);
    });

    it('answers the fused order soon after the rerank timeout when the LLM is slow', async () => {
      llm.scriptChat({ delayMs: 5_000, content: '{"scores": [2, 10, 6]}' });
      const started = performance.now();
      const reranked = await searchV3(withLlm, 'pet-owner', 'which pets do I have?', {
        threshold: 0,
        rerank: true,
        top_k: 2,
      });
      expect(performance.now() - started).toBeLessThan(rerankTimeoutMs + 2_000);
      expect(texts(reranked)).toEqual(texts(fused).slice(0, 2));
    });
  });
});
