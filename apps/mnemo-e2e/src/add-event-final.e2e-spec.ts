import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { jetstream } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { addRequestedContract } from '@mnemo/contracts';
import {
  eventually,
  FakeOpenAiServer,
  natsServers,
  startMnemo,
  type MnemoStack,
} from '@mnemo/testing';
import { http } from './http';

const adminKey = 'add-event-final-admin-key';
const facts = (...list: string[]) =>
  JSON.stringify({ facts: list.map((fact) => ({ fact, categories: ['personal_details'] })) });

/**
 * An add event's outcome is recorded once: a job delivered again after it never flips it. Events
 * are the gateway's own records, so they answer while no extractor runs.
 */
describe('add event status is final', () => {
  let mnemo: MnemoStack;
  let llm: FakeOpenAiServer;
  const auth = { authorization: `Token ${adminKey}` };
  const call = (method: string, path: string, body?: unknown) =>
    http<Record<string, unknown>>(mnemo.baseUrl, method, path, body, auth);
  const settled = (eventId: string, status: string) =>
    eventually(
      async () => {
        const event = await call('GET', `/v1/event/${eventId}/`);
        expect(event.body).toMatchObject({ status });
        return event.body;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  const memoriesOf = async (userId: string) =>
    ((await call('GET', `/v1/memories/?user_id=${userId}`)).body as unknown as unknown[]).length;

  // The same job again under a new message id, as JetStream redelivers it when an ack is lost.
  const deliverAgain = async (eventId: string, userId: string, content: string) => {
    const nc = await connect({ servers: natsServers(mnemo.natsUrl) });
    try {
      const job = addRequestedContract.schema.parse({
        eventId,
        projectId: 'default',
        occurredAt: new Date().toISOString(),
        scope: { userId },
        messages: [{ role: 'user', content }],
      });
      await jetstream(nc).publish(addRequestedContract.subject, JSON.stringify(job), {
        msgID: randomUUID(),
      });
    } finally {
      await nc.close();
    }
  };

  beforeAll(async () => {
    llm = await FakeOpenAiServer.start({ apiKey: 'sk-e2e' });
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { ...llm.llmEnv(), MNEMO_ADMIN_API_KEY: adminKey },
    });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
    await llm?.stop();
  });

  beforeEach(() => llm.reset());
  const chatCalls = () => llm.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  const addAsync = async (userId: string, content: string) => {
    const accepted = await call('POST', '/v3/memories/add/', {
      messages: [{ role: 'user', content }],
      user_id: userId,
    });
    expect(accepted.body).toMatchObject({ status: 'PENDING' });
    return accepted.body.event_id as string;
  };

  it('keeps FAILED with its reason when the job comes again and the model answers now', async () => {
    llm.scriptChat({ status: 400 });
    const eventId = await addAsync('fay', 'I keep bees in Hangzhou');
    const failed = await settled(eventId, 'FAILED');
    expect(JSON.stringify(failed)).toContain('provider_bad_request');
    const callsBefore = chatCalls();

    llm.scriptChat(facts('Keeps bees in Hangzhou'));
    await deliverAgain(eventId, 'fay', 'I keep bees in Hangzhou');
    await delay(2000);
    expect((await call('GET', `/v1/event/${eventId}/`)).body).toMatchObject({ status: 'FAILED' });
    expect(chatCalls()).toBe(callsBefore);
    expect(await memoriesOf('fay')).toBe(0);
  });

  it('keeps SUCCEEDED and writes nothing twice when a finished job comes again', async () => {
    llm.scriptChat(facts('Plays the erhu'));
    const eventId = await addAsync('gus', 'I play the erhu');
    const done = await settled(eventId, 'SUCCEEDED');
    expect(await memoriesOf('gus')).toBe(1);
    const callsBefore = chatCalls();

    await deliverAgain(eventId, 'gus', 'I play the erhu');
    await delay(2000);
    expect((await call('GET', `/v1/event/${eventId}/`)).body).toEqual(done);
    expect(chatCalls()).toBe(callsBefore);
    expect(await memoriesOf('gus')).toBe(1);
  });

  it('keeps a waiter only for an add whose caller waits, not for asynchronous ones', async () => {
    const waiters = async () => {
      const scrape = await http<string>(mnemo.baseUrl, 'GET', '/metrics', undefined, {
        'x-api-key': adminKey,
      });
      expect(scrape.status).toBe(200);
      return Number(/^mnemo_add_waiters(?:\{[^}]*\})? (\S+)$/m.exec(scrape.body)?.[1]);
    };
    // Every answer takes 3 s, so none of these adds has finished when the waiters are counted.
    llm.setLatency(3000, 0);
    const waiting = call('POST', '/v1/memories/', {
      messages: [{ role: 'user', content: 'I fly kites on weekends' }],
      user_id: 'ivy',
      async_mode: false,
    });
    await eventually(async () => expect(await waiters()).toBe(1));
    const queued: string[] = [];
    for (const n of [1, 2, 3, 4, 5]) queued.push(await addAsync('ivy', `I have ${n} kites`));
    expect(await waiters()).toBe(1);
    llm.setLatency(0);
    expect((await waiting).status).toBe(200);
    expect(await waiters()).toBe(0);
    // Finished before the next case, which scripts the model's answers.
    for (const eventId of queued) {
      await eventually(
        async () => {
          const event = await call('GET', `/v1/event/${eventId}/`);
          expect(['SUCCEEDED', 'FAILED']).toContain(event.body.status);
        },
        { timeoutMs: 30_000, intervalMs: 200 },
      );
    }
  });

  it('answers event reads while no extractor runs, and the event moves on when one is back', async () => {
    await mnemo.kill('extractor');
    let eventId = '';
    try {
      eventId = await addAsync('hal', 'I grow tea in Longjing');
      const pending = await call('GET', `/v1/event/${eventId}/`);
      expect(pending).toMatchObject({
        status: 200,
        body: {
          id: eventId,
          status: 'PENDING',
          payload: {
            messages: [{ role: 'user', content: 'I grow tea in Longjing' }],
            user_id: 'hal',
          },
        },
      });
      const listed = await call('GET', '/v1/events/?status=PENDING');
      expect(listed.status).toBe(200);
      expect((listed.body.results as { id: string }[]).map((event) => event.id)).toContain(eventId);
      llm.scriptChat(facts('Grows tea in Longjing'));
    } finally {
      await mnemo.restart('extractor');
    }
    const done = await settled(eventId, 'SUCCEEDED');
    expect(done).toMatchObject({
      results: [expect.objectContaining({ event: 'ADD', memory: 'Grows tea in Longjing' })],
    });
    expect(done.started_at).toEqual(expect.any(String));
    expect(Number(done.latency)).toBeGreaterThan(0);
  });
});
