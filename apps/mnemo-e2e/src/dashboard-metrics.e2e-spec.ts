import { join } from 'node:path';
import { serviceNames } from '@mnemo/contracts';
import { freePort } from '@mnemo/devstack';
import {
  dashboardQueries,
  eventually,
  exportedSeriesNames,
  metricNamesOf,
  metricsUrlOf,
  startMnemo,
  type MnemoStack,
  type ServiceName,
} from '@mnemo/testing';
import { http } from './http';
import { Receiver } from './support/webhook-receiver';

const dashboardPath = join(__dirname, '../../../deploy/grafana/mnemo-dashboard.json');

jest.setTimeout(120_000);

/** The sum of a metric's samples whose labels include `labels`, from a text exposition. */
function sampleSum(text: string, name: string, labels: Record<string, string> = {}): number {
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .filter((line) =>
      Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`)),
    )
    .reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0);
}

// Without an admin key, so the gateway's /metrics on the API port is off unless opened.
describe('the Grafana dashboard against the running services', () => {
  let mnemo: MnemoStack;
  let receiver: Receiver;
  const scrape = async (name: ServiceName) =>
    (await fetch(metricsUrlOf(mnemo.service(name)))).text();

  beforeAll(async () => {
    receiver = await Receiver.start();
    mnemo = await startMnemo({
      env: {
        MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
        MNEMO_WEBHOOK_RETRY_SCHEDULE_MS: '200,200',
        MNEMO_WEBHOOK_POLL_MS: '100',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await receiver?.stop();
  });

  it('queries only metrics some service exports', async () => {
    const exportedBy = new Map<string, ServiceName[]>();
    for (const name of serviceNames) {
      const response = await fetch(metricsUrlOf(mnemo.service(name)));
      expect(response.status).toBe(200);
      for (const series of exportedSeriesNames(await response.text())) {
        exportedBy.set(series, [...(exportedBy.get(series) ?? []), name]);
      }
    }
    const queries = dashboardQueries(dashboardPath);
    expect(queries.length).toBeGreaterThan(20);
    const missing = queries.flatMap(({ panel, expr }) =>
      metricNamesOf(expr)
        .filter((metric) => !exportedBy.has(metric))
        .map((metric) => `${panel}: ${metric}`),
    );
    expect(missing).toEqual([]);
    // The figures the issue asks for, each from the service that measures it.
    const from = (series: string) => exportedBy.get(series) ?? [];
    expect(from('mnemo_http_request_duration_seconds_bucket')).toEqual(['gateway']);
    expect(from('mnemo_breaker_state')).toEqual(['gateway']);
    expect(from('mnemo_llm_call_seconds_bucket')).toEqual(expect.arrayContaining(['extractor']));
    expect(from('mnemo_embedding_call_seconds_bucket')).toEqual(
      expect.arrayContaining(['embedder']),
    );
    expect(from('mnemo_jetstream_consumer_messages').sort()).toEqual([
      'extractor',
      // its recorder of the add events
      'gateway',
      'vector-store',
      'webhook-dispatcher',
    ]);
    expect(from('mnemo_webhook_deliveries_total')).toEqual(['webhook-dispatcher']);
    expect(from('mnemo_outbox_lag_seconds')).toEqual(['vector-store']);
  });

  it("reports every durable consumer's backlog and the outbox lag from the start", async () => {
    // The dispatcher's consumer exists once the vector-store has created the events stream.
    await eventually(
      async () => {
        const text = await (await fetch(metricsUrlOf(mnemo.service('webhook-dispatcher')))).text();
        expect(text).toMatch(
          /^mnemo_jetstream_consumer_messages\{stream="MNEMO_MEMORY_EVENTS",consumer="webhook-dispatcher",state="pending",.*\} \d+$/m,
        );
      },
      { timeoutMs: 15_000 },
    );
    const vectors = await (await fetch(metricsUrlOf(mnemo.service('vector-store')))).text();
    expect(vectors).toMatch(/^mnemo_outbox_lag_seconds\{.*\} \d+(\.\d+)?$/m);
    expect(vectors).toMatch(/^mnemo_outbox_pending_events\{.*\} 0$/m);
  });

  it('counts webhook deliveries by outcome and the events the outbox relayed', async () => {
    // Without an admin key the Platform routes act for the default project.
    const created = await http(mnemo.baseUrl, 'POST', '/api/v1/webhooks/projects/default/', {
      name: 'metrics',
      url: receiver.url('/metrics-hook'),
      event_types: ['memory_add'],
    });
    expect(created.status).toBe(201);
    // The first attempt answers 500, the retry 200.
    receiver.expect('/metrics-hook', created.body.secret as string, (n) => (n === 0 ? 500 : 200));
    const added = await http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [{ role: 'user', content: 'I collect old maps' }],
      user_id: 'metrics-hooked',
      infer: false,
    });
    expect(added.status).toBe(200);
    await eventually(() => expect(receiver.at('/metrics-hook')).toHaveLength(2), {
      timeoutMs: 20_000,
    });
    await eventually(async () => {
      const text = await scrape('webhook-dispatcher');
      const deliveries = (outcome: string) =>
        sampleSum(text, 'mnemo_webhook_deliveries_total', { outcome });
      expect([deliveries('retry'), deliveries('succeeded')]).toEqual([1, 1]);
      expect(sampleSum(text, 'mnemo_webhook_delivery_seconds_count')).toBe(2);
    });
    const vectors = await scrape('vector-store');
    expect(sampleSum(vectors, 'mnemo_outbox_events_total', { outcome: 'published' })).toBe(1);
    expect(sampleSum(vectors, 'mnemo_outbox_pending_events')).toBe(0);
    expect(sampleSum(vectors, 'mnemo_outbox_lag_seconds')).toBe(0);
  });

  it("keeps the gateway's /metrics off the API port without an admin key, unless opened", async () => {
    const closed = await http(mnemo.baseUrl, 'GET', '/metrics');
    expect(closed.status).toBe(404);
    expect(closed.body).toEqual({ detail: 'Not Found' });

    const port = await freePort();
    await mnemo.start('gateway', {
      instanceId: 'gateway-public-metrics',
      env: { MNEMO_HTTP_PORT: String(port), MNEMO_METRICS_PUBLIC: 'true' },
    });
    const open = await http<string>(`http://127.0.0.1:${port}`, 'GET', '/metrics');
    expect(open.status).toBe(200);
    expect(open.headers.get('content-type')).toContain('text/plain');
    expect(open.body).toContain('# TYPE mnemo_http_requests_total counter');
  });
});
