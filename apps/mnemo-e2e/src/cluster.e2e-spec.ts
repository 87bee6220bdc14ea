import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { finishedAddsBucket, memoryEventsStream, settingsBucket, streams } from '@mnemo/contracts';
import { freePort } from '@mnemo/devstack';
import {
  eventually,
  natsServers,
  startMnemo,
  type MnemoStack,
  type ServiceName,
} from '@mnemo/testing';
import { http } from './http';
import { Receiver } from './support/webhook-receiver';

type Json = Record<string, any>;

const adminKey = 'cluster-admin-key';
const twice: ServiceName[] = [
  'extractor',
  'embedder',
  'vector-store',
  'structured-data',
  'webhook-dispatcher',
];

jest.setTimeout(300_000);

// The topology the deploy/ manifests run: NATS as a 3-node cluster with every stream and KV
// bucket replicated three times, and two instances of every service (two gateways on two ports).
describe('Mnemo on a 3-node NATS cluster with two instances of every service', () => {
  let mnemo: MnemoStack;
  let receiver: Receiver;
  const gateways: string[] = [];

  const call = (gateway: number, method: string, path: string, body?: unknown) =>
    http<Json>(gateways[gateway], method, path, body, {
      authorization: `Token ${adminKey}`,
      'x-api-key': adminKey,
    });
  const addVerbatim = (gateway: number, userId: string, content: string) =>
    call(gateway, 'POST', '/memories', {
      messages: [{ role: 'user', content }],
      user_id: userId,
      infer: false,
    });
  const searchTexts = async (gateway: number, userId: string, query: string) => {
    const answer = await call(gateway, 'POST', '/search', { query, filters: { user_id: userId } });
    expect(answer.status).toBe(200);
    return (answer.body.results as { memory: string }[]).map((result) => result.memory);
  };

  beforeAll(async () => {
    receiver = await Receiver.start();
    mnemo = await startMnemo({
      natsNodes: 3,
      instances: Object.fromEntries(twice.map((name) => [name, 2])),
      readyTimeoutMs: 180_000,
      env: {
        MNEMO_JETSTREAM_REPLICAS: '3',
        MNEMO_ADMIN_API_KEY: adminKey,
        MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
        MNEMO_WEBHOOK_POLL_MS: '100',
      },
    });
    const secondPort = await freePort();
    await mnemo.start('gateway', { env: { MNEMO_HTTP_PORT: String(secondPort) } });
    gateways.push(mnemo.baseUrl, `http://127.0.0.1:${secondPort}`);
  }, 300_000);

  afterAll(async () => {
    await mnemo?.stop();
    await receiver?.stop();
  });

  it('finds through one gateway what was added through the other, and delivers the webhook', async () => {
    const created = await call(0, 'POST', '/api/v1/webhooks/projects/default/', {
      name: 'cluster',
      url: receiver.url('/cluster'),
      event_types: ['memory_add'],
    });
    expect(created.status).toBe(201);
    receiver.expect('/cluster', created.body.secret as string);
    const added = await addVerbatim(0, 'ada', 'I love spicy Sichuan food');
    expect(added.status).toBe(200);
    const memoryId = added.body.results[0].id as string;
    expect(await searchTexts(1, 'ada', 'Sichuan food')).toContain('I love spicy Sichuan food');
    const delivered = await eventually(
      () => {
        const entries = receiver.at('/cluster');
        expect(entries).toHaveLength(1);
        return entries[0];
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    expect(delivered.verified).toBe(true);
    expect(JSON.stringify(delivered.body)).toContain(memoryId);
  });

  it('completes an async Platform add accepted by one gateway and reports it through the other', async () => {
    const accepted = await call(1, 'POST', '/v3/memories/add/', {
      messages: [{ role: 'user', content: 'I live in Hangzhou' }],
      user_id: 'grace',
    });
    expect(accepted.body).toMatchObject({ status: 'PENDING' });
    const eventId = accepted.body.event_id as string;
    await eventually(
      async () => {
        const status = await call(0, 'GET', `/v1/event/${eventId}/`);
        expect(status.body).toMatchObject({ status: 'SUCCEEDED' });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    expect(await searchTexts(0, 'grace', 'where does she live')).toContain('Lives in Hangzhou');
  });

  it('has created every stream and KV bucket with three replicas', async () => {
    const nc = await connect({ servers: natsServers(mnemo.natsUrl) });
    try {
      const jsm = await jetstreamManager(nc);
      const infos = await jsm.streams.list().next();
      const replicas = Object.fromEntries(
        infos.map((info) => [info.config.name, info.config.num_replicas]),
      );
      expect(Object.keys(replicas).sort()).toEqual(
        [
          streams.addJobs.name,
          streams.memoryWrites.name,
          streams.addEvents.name,
          memoryEventsStream.name,
          `KV_${settingsBucket}`,
          `KV_${finishedAddsBucket}`,
        ].sort(),
      );
      expect(new Set(Object.values(replicas))).toEqual(new Set([3]));
    } finally {
      await nc.close();
    }
  });

  it('keeps accepting and finding adds while one NATS node is down, and after it returns', async () => {
    const node = mnemo.natsCluster!.nodes[0];
    await node.stop();
    // Clients on the stopped node reconnect to the others; R3 streams keep a quorum of two. A
    // synchronous add whose completion notice was in flight on a connection to the stopped node
    // waits out its timeout (the notice is at most once; the write itself is durable), so each
    // attempt is bounded and a new one (another text) shows that new adds are served.
    const accepted: string[] = [];
    let attempt = 0;
    for (const gateway of [0, 1]) {
      await eventually(
        async () => {
          const text = `I play instrument number ${(attempt += 1)}`;
          expect((await within(10_000, addVerbatim(gateway, 'linus', text))).status).toBe(200);
          accepted.push(text);
        },
        { timeoutMs: 60_000, intervalMs: 500 },
      );
    }
    mnemo.natsCluster!.nodes[0] = await node.start();
    await eventually(
      async () => {
        expect((await within(10_000, addVerbatim(1, 'linus', 'I bake bread'))).status).toBe(200);
        const found = await within(10_000, searchTexts(0, 'linus', 'play instrument number bread'));
        expect(found).toEqual(expect.arrayContaining([...accepted, 'I bake bread']));
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
  });

  it('keeps serving adds and searches with one instance of every service killed', async () => {
    for (const name of twice) await mnemo.kill(name, 0);
    // A write the killed vector-store had taken waits for JetStream's redelivery; each attempt is
    // bounded so a new one (another text) shows that new requests are served by the survivors.
    let attempt = 0;
    await eventually(
      async () => {
        const text = `I design radios, model ${(attempt += 1)}`;
        const added = await within(10_000, addVerbatim(0, 'hedy', text));
        expect(added.status).toBe(200);
        expect(await within(10_000, searchTexts(1, 'hedy', 'radios model'))).toContain(text);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    for (const name of twice) await mnemo.restart(name, 0);
  });
});

/** Fails after `ms` instead of waiting for an answer that a killed instance will never give. */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
