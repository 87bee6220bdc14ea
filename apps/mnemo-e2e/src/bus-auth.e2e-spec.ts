import { randomUUID } from 'node:crypto';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { applyWriteContract, serviceNames, type ServiceName } from '@mnemo/contracts';
import { eventually, FakeOpenAiServer, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

const adminKey = 'bus-auth-admin-key';
const facts = (...list: string[]) =>
  JSON.stringify({ facts: list.map((fact) => ({ fact, categories: ['hobbies'] })) });

interface Connz {
  connections: { name?: string; authorized_user?: string }[];
}

/** The services connect to NATS each as its own user, allowed only the subjects it uses. */
describe('the bus with a NATS user per service', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;
  const opened: NatsConnection[] = [];
  const auth = { authorization: `Token ${adminKey}` };
  const call = (method: string, path: string, body?: unknown) =>
    http<Record<string, unknown>>(mnemo.baseUrl, method, path, body, auth);
  const memoriesOf = async (userId: string) =>
    (await call('GET', `/v1/memories/?user_id=${userId}`)).body as unknown as { memory: string }[];

  const connectAs = async (service: ServiceName) => {
    // The service's URL carries its user; the client takes it as options, as the services do.
    const url = new URL(mnemo.natsUserUrls![service].split(',')[0]);
    const connection = await connect({
      servers: `${url.hostname}:${url.port}`,
      user: decodeURIComponent(url.username),
      pass: decodeURIComponent(url.password),
    });
    opened.push(connection);
    return connection;
  };

  /** A write command adding one memory for the user, as the extractor sends it. */
  const writeCommand = (userId: string, text: string) =>
    JSON.stringify(
      applyWriteContract.request.parse({
        eventId: randomUUID(),
        projectId: 'default',
        occurredAt: new Date().toISOString(),
        scope: { userId },
        ops: [{ op: 'ADD', text }],
      }),
    );

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-e2e' });
    mnemo = await startMnemo({ env: { ...llm.llmEnv(), MNEMO_ADMIN_API_KEY: adminKey } });
  }, 120_000);

  afterAll(async () => {
    await Promise.all(opened.map((connection) => connection.close()));
    await mnemo?.stop();
    await llm?.stop();
  });

  it('connects every service as its own user', async () => {
    const response = await fetch(`${mnemo.natsMonitorUrl}/connz?auth=true&limit=1024`);
    const { connections } = (await response.json()) as Connz;
    const byService = (service: string) =>
      connections.filter((c) => c.name?.startsWith(`${service}:`));
    for (const service of serviceNames) {
      const own = byService(service);
      expect({ service, connected: own.length > 0 }).toEqual({ service, connected: true });
      expect(own.map((c) => c.authorized_user)).toEqual(own.map(() => service));
    }
  });

  it("refuses the gateway's user a write command for the vector-store", async () => {
    const gateway = await connectAs('gateway');
    await expect(
      gateway.request(applyWriteContract.subject, writeCommand('mallory', 'Owns a yacht'), {
        timeout: 5000,
      }),
    ).rejects.toThrow(`Permissions Violation for Publish to "${applyWriteContract.subject}"`);
    // Nor may it listen on the subject, to answer in the vector-store's place.
    const errors: string[] = [];
    gateway.subscribe(applyWriteContract.subject, {
      callback: (err) => {
        if (err) errors.push(err.message);
      },
    });
    await eventually(() =>
      expect(errors.join()).toContain('Permissions Violation for Subscription'),
    );
    expect(await memoriesOf('mallory')).toEqual([]);
  });

  it("lets the extractor's user send the same write command, which the vector-store applies", async () => {
    const extractor = await connectAs('extractor');
    const reply = await extractor.request(
      applyWriteContract.subject,
      writeCommand('ally', 'Owns a sailing boat'),
      { timeout: 15_000 },
    );
    expect(reply.json()).toMatchObject({ ok: true, data: { results: [{ event: 'ADD' }] } });
    expect((await memoriesOf('ally')).map((m) => m.memory)).toEqual(['Owns a sailing boat']);
  });

  it('adds through the extractor and finds the memory by search, with auth on', async () => {
    llm.scriptChat(facts('Plays the guzheng on Sundays'));
    const accepted = await call('POST', '/v3/memories/add/', {
      messages: [{ role: 'user', content: 'I play the guzheng every Sunday' }],
      user_id: 'lin',
    });
    expect(accepted.body).toMatchObject({ status: 'PENDING' });
    await eventually(
      async () => {
        const event = await call('GET', `/v1/event/${String(accepted.body.event_id)}/`);
        expect(event.body).toMatchObject({ status: 'SUCCEEDED' });
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const found = await call('POST', '/v3/memories/search/', {
      query: 'guzheng',
      filters: { user_id: 'lin' },
      threshold: 0,
    });
    expect(found.body.results).toEqual([
      expect.objectContaining({ memory: 'Plays the guzheng on Sundays', user_id: 'lin' }),
    ]);
  });

  it('leaves no permission violation in any service log', () => {
    for (const service of serviceNames) {
      const logs = mnemo.service(service).logs().join('\n');
      expect({ service, violation: /Permissions Violation/i.test(logs) }).toEqual({
        service,
        violation: false,
      });
    }
  });
});
