import { embedTextContract } from '@mnemo/contracts';
import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'metrics-admin-key';

/** One sample of the scrape: a metric name, its labels and its value. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseSamples(text: string): Sample[] {
  return text
    .split('\n')
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
      if (!match) throw new Error(`not a sample: ${line}`);
      const labels = Object.fromEntries(
        [...(match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1], m[2]]),
      );
      return { name: match[1], labels, value: Number(match[3]) };
    });
}

jest.setTimeout(60_000);

describe('gateway metrics at /metrics', () => {
  let mnemo: MnemoStack;
  const oss = (method: string, path: string, body?: unknown) =>
    http(mnemo.baseUrl, method, path, body, { 'x-api-key': adminKey });
  const scrape = async (): Promise<Sample[]> => {
    const answer = await http<string>(mnemo.baseUrl, 'GET', '/metrics', undefined, {
      'x-api-key': adminKey,
    });
    expect(answer.status).toBe(200);
    return parseSamples(answer.body);
  };
  const value = (samples: Sample[], name: string, labels: Record<string, string>) =>
    samples
      .filter((s) => s.name === name)
      .filter((s) => Object.entries(labels).every(([key, v]) => s.labels[key] === v))
      .reduce((sum, s) => sum + s.value, 0);
  let searches = 0;
  // a new query each time, so no cached vector spares the embedder a call
  const search = () =>
    oss('POST', '/search', { query: `green tea ${(searches += 1)}`, user_id: 'metrics-user' });

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('counts requests and their latency by route template and status', async () => {
    const added = await oss('POST', '/memories', {
      messages: [{ role: 'user', content: 'Drinks green tea' }],
      user_id: 'metrics-user',
      infer: false,
    });
    const id = (added.body as { results: { id: string }[] }).results[0].id;
    for (let i = 0; i < 3; i += 1) expect((await oss('GET', `/memories/${id}`)).status).toBe(200);
    expect((await oss('GET', '/memories/no-such-memory')).status).toBe(404);
    expect((await oss('GET', `/no/such/route/${id}`)).status).toBe(404);

    const samples = await scrape();
    const route = { method: 'GET', route: '/memories/:memoryId' };
    expect(value(samples, 'mnemo_http_requests_total', { ...route, status: '200' })).toBe(3);
    expect(value(samples, 'mnemo_http_requests_total', { ...route, status: '404' })).toBe(1);
    expect(
      value(samples, 'mnemo_http_request_duration_seconds_count', { ...route, status: '200' }),
    ).toBe(3);
    const infinite = { ...route, status: '200', le: '+Inf' };
    expect(value(samples, 'mnemo_http_request_duration_seconds_bucket', infinite)).toBe(3);
    expect(value(samples, 'mnemo_http_requests_total', { route: 'unmatched', status: '404' })).toBe(
      1,
    );
    const routes = samples.filter((s) => s.name === 'mnemo_http_requests_total');
    expect(routes.filter((s) => s.labels.route.includes(id))).toEqual([]);
  });

  it('shows the embedder breaker open while it is down and closed once it is back', async () => {
    const target = { target: embedTextContract.subject };
    expect((await search()).status).toBe(200);
    expect(value(await scrape(), 'mnemo_breaker_state', target)).toBe(0);

    await mnemo.kill('embedder');
    await eventually(
      async () => {
        expect((await search()).status).toBe(503);
        expect(value(await scrape(), 'mnemo_breaker_state', target)).toBe(2);
      },
      { timeoutMs: 20_000 },
    );

    await mnemo.restart('embedder');
    await eventually(
      async () => {
        expect((await search()).status).toBe(200);
        expect(value(await scrape(), 'mnemo_breaker_state', target)).toBe(0);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  });
});
