import { freePort } from '@mnemo/devstack';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'search-index-ann-admin-key';
type Found = { results: { id: string; memory: string }[] };

// A scope of this many memories gets an HNSW graph here (20,000 by default).
const annMin = 30;
const topics = ['sailing', 'baking', 'climbing', 'painting', 'chess', 'gardening', 'cycling'];

/** The HNSW path of the search index through the real services, with two vector-store instances. */
describe('search index over an HNSW graph', () => {
  let mnemo: MnemoStack;
  const metricsPorts: number[] = [];
  const call = <T = unknown>(method: string, path: string, body?: unknown) =>
    http<T>(mnemo.baseUrl, method, path, body, { 'x-api-key': adminKey });
  const add = async (userId: string, content: string) => {
    const answer = await call<Found>('POST', '/memories', {
      messages: [{ role: 'user', content }],
      user_id: userId,
      infer: false,
    });
    expect({ status: answer.status, body: answer.status === 200 ? null : answer.body }).toEqual({
      status: 200,
      body: null,
    });
    return answer.body.results[0].id;
  };
  const topHit = async (userId: string, query: string) => {
    const answer = await call<Found>('POST', '/search', {
      query,
      filters: { user_id: userId },
      top_k: 3,
    });
    expect(answer.status).toBe(200);
    return answer.body.results[0]?.memory;
  };
  const scrape = async (index: number) => {
    const response = await fetch(`http://127.0.0.1:${metricsPorts[index]}/metrics`);
    const text = await response.text();
    const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    return {
      ann: value(/mnemo_search_index_queries_total\{path="ann"[^}]*\} (\d+)/),
      graphs: value(/mnemo_search_index_ann_scopes\{[^}]*\} (\d+)/),
    };
  };
  const startVectorStore = async () => {
    const port = await freePort();
    metricsPorts.push(port);
    await mnemo.start('vector-store', { env: { MNEMO_METRICS_PORT: String(port) } });
  };
  // Searches until both instances hold a graph of the scope (each builds its own on first use).
  const warmBoth = async (userId: string) => {
    let seen: unknown;
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      const answer = await call<Found>('POST', '/search', {
        query: 'warm up',
        filters: { user_id: userId },
        top_k: 3,
      });
      seen = {
        status: answer.status,
        graphs: [(await scrape(0)).graphs, (await scrape(1)).graphs],
      };
      if (answer.status === 200 && (seen as { graphs: number[] }).graphs.every((g) => g > 0))
        return;
    }
    throw new Error(`no graph on both instances: ${JSON.stringify(seen)}`);
  };
  const seedScope = async (userId: string) => {
    for (let n = 0; n < annMin + 10; n++) {
      await add(userId, `Spent afternoon ${n} ${topics[n % topics.length]} with friends`);
    }
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      instances: { 'vector-store': 0 },
      env: {
        MNEMO_ADMIN_API_KEY: adminKey,
        MNEMO_SEARCH_ANN_MIN_MEMORIES: String(annMin),
        MNEMO_SEARCH_ANN_CANDIDATES: '10',
      },
    });
    await startVectorStore();
    await startVectorStore();
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('finds an add at once from either instance, both answering from their graphs', async () => {
    await seedScope('sailor');
    await warmBoth('sailor');
    for (let round = 0; round < 3; round++) {
      const text = `Owns a saxophone named Bertha number ${round}`;
      await add('sailor', text);
      const [a, b] = [await scrape(0), await scrape(1)];
      for (let i = 0; i < 12; i++) {
        expect(await topHit('sailor', `saxophone Bertha number ${round}`)).toBe(text);
      }
      // Both instances answered some of those searches on the HNSW path: whichever applied the
      // add, the other one found it too.
      expect((await scrape(0)).ann).toBeGreaterThan(a.ann);
      expect((await scrape(1)).ann).toBeGreaterThan(b.ann);
    }
  }, 120_000);

  it('serves every add made while one instance restarts, from both instances', async () => {
    await seedScope('restarter');
    await warmBoth('restarter');
    const texts = Array.from({ length: 8 }, (_, n) => `Keeps lighthouse logbook volume ${n}`);
    await Promise.all([
      Promise.all(texts.map((text) => add('restarter', text))),
      mnemo.restart('vector-store', 1),
    ]);
    await warmBoth('restarter');
    for (const [n, text] of texts.entries()) {
      for (let i = 0; i < 4; i++) {
        expect(await topHit('restarter', `lighthouse logbook volume ${n}`)).toBe(text);
      }
    }
  }, 180_000);
});
