import { freePort } from '@mnemo/devstack';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'search-index-admin-key';
type Found = { results: { id: string; memory: string }[] };

/** The vector-store's search index through the real services: freshness, instances, eviction. */
describe('search index', () => {
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
    expect(answer.status).toBe(200);
    return answer.body.results[0].id;
  };
  const search = async (userId: string, query: string) => {
    const answer = await call<Found>('POST', '/search', {
      query,
      filters: { user_id: userId },
      threshold: 0,
      top_k: 100,
    });
    expect(answer.status).toBe(200);
    return answer.body.results.map((r) => r.memory).sort();
  };
  // Searches land on either instance (one queue group): every answer must agree.
  const searchEverywhere = async (userId: string, query: string, times = 12) => {
    const answers = new Set<string>();
    for (let i = 0; i < times; i++) answers.add(JSON.stringify(await search(userId, query)));
    expect(answers.size).toBe(1);
    return JSON.parse([...answers][0]) as string[];
  };
  const lookups = async (index: number) => {
    const response = await fetch(`http://127.0.0.1:${metricsPorts[index]}/metrics`);
    const text = await response.text();
    const count = (outcome: string) =>
      Number(
        new RegExp(`lookups_total\\{outcome="${outcome}"[^}]*\\} (\\d+)`).exec(text)?.[1] ?? 0,
      );
    const bytes = Number(/mnemo_search_index_bytes\{[^}]*\} (\d+)/.exec(text)?.[1] ?? NaN);
    return { hit: count('hit'), miss: count('miss'), bytes };
  };
  const startVectorStore = async (env: Record<string, string> = {}) => {
    const port = await freePort();
    metricsPorts.push(port);
    await mnemo.start('vector-store', { env: { MNEMO_METRICS_PORT: String(port), ...env } });
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      instances: { 'vector-store': 0 },
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    await startVectorStore();
    await startVectorStore();
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('sees an add, an update and a delete in the next search, whichever instance answers', async () => {
    const base = ['Drinks green tea every morning', 'Plays chess on Sundays', 'Lives in Lyon'];
    for (const text of base) await add('reader', text);
    expect(await searchEverywhere('reader', 'tea')).toEqual([...base].sort());
    const [warmA, warmB] = [await lookups(0), await lookups(1)];
    expect(warmA.hit + warmB.hit).toBeGreaterThan(0);

    for (let round = 0; round < 4; round++) {
      const id = await add('reader', `Visited museum number ${round}`);
      expect(await searchEverywhere('reader', 'museum', 6)).toContain(
        `Visited museum number ${round}`,
      );
      expect(
        (await call('PUT', `/memories/${id}`, { text: `Visited gallery ${round}` })).status,
      ).toBe(200);
      const afterUpdate = await searchEverywhere('reader', 'gallery', 6);
      expect(afterUpdate).toContain(`Visited gallery ${round}`);
      expect(afterUpdate).not.toContain(`Visited museum number ${round}`);
      expect((await call('DELETE', `/memories/${id}`)).status).toBe(200);
      expect(await searchEverywhere('reader', 'gallery', 6)).toEqual([...base].sort());
    }
    // Both instances answered searches, and both served some of them from a warm index.
    const [a, b] = [await lookups(0), await lookups(1)];
    expect(a.hit).toBeGreaterThan(warmA.hit);
    expect(b.hit).toBeGreaterThan(warmB.hit);
  }, 120_000);

  it('serves every add made while one instance restarts, from both instances', async () => {
    const texts = Array.from({ length: 12 }, (_, n) => `Restart note ${n} about lighthouses`);
    await search('restarter', 'lighthouses');
    const [ids] = await Promise.all([
      Promise.all(texts.map((text) => add('restarter', text))),
      mnemo.restart('vector-store', 1),
    ]);
    expect(new Set(ids).size).toBe(texts.length);
    expect(await searchEverywhere('restarter', 'lighthouses')).toEqual([...texts].sort());
  }, 120_000);

  it('answers correctly from an instance whose budget holds about two of three scopes', async () => {
    const users = ['evict-1', 'evict-2', 'evict-3'];
    const expected = new Map<string, string[]>();
    for (const user of users) {
      const texts = Array.from(
        { length: 20 },
        (_, n) => `${user} remembers fact number ${n} about rivers`,
      );
      for (const text of texts) await add(user, text);
      expected.set(user, texts.sort());
    }
    await mnemo.kill('vector-store', 0);
    await mnemo.kill('vector-store', 1);
    await startVectorStore({ MNEMO_INDEX_MEMORY_MB: '0.05' });
    for (let cycle = 0; cycle < 3; cycle++) {
      for (const user of users) expect(await search(user, 'rivers')).toEqual(expected.get(user));
    }
    const small = await lookups(2);
    expect(small.miss).toBeGreaterThanOrEqual(6);
    expect(small.bytes).toBeLessThanOrEqual(0.05 * 1024 * 1024);
    expect(small.bytes).toBeGreaterThan(0);
  }, 120_000);
});
