import { randomUUID } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  jetstream,
  jetstreamManager,
  type ConsumerMessages,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  applyWriteContract,
  memoryEventSchema,
  memoryEventsStream,
  projectMemoryEventsFilter,
  type MemoryEventPayload,
} from '@mnemo/contracts';
import { eventually, natsServers, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

interface Received {
  subject: string;
  msgId: string | undefined;
  event: MemoryEventPayload;
}

/** A durable JetStream consumer of one subject filter, as a downstream system would run it. */
class EventCollector {
  readonly received: Received[] = [];

  private constructor(private readonly messages: ConsumerMessages) {}

  static async start(nc: NatsConnection, filter: string): Promise<EventCollector> {
    const jsm = await jetstreamManager(nc);
    const durable = `e2e-${randomUUID()}`;
    await jsm.consumers.add(memoryEventsStream.name, {
      durable_name: durable,
      filter_subject: filter,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    const consumer = await jetstream(nc).consumers.get(memoryEventsStream.name, durable);
    const collector = new EventCollector(await consumer.consume());
    void collector.collect();
    return collector;
  }

  of(memoryId: string): Received[] {
    return this.received.filter(({ event }) => event.memory.id === memoryId);
  }

  types(memoryId: string): string[] {
    return this.of(memoryId).map(({ event }) => event.type);
  }

  async stop(): Promise<void> {
    await this.messages.close();
  }

  private async collect(): Promise<void> {
    for await (const msg of this.messages) {
      this.received.push({
        subject: msg.subject,
        msgId: msg.headers?.get('Nats-Msg-Id'),
        event: memoryEventSchema.parse(msg.json()),
      });
      msg.ack();
    }
  }
}

/** How many events the stream itself holds under a filter: duplicates would show here. */
async function storedCount(jsm: JetStreamManager, filter: string): Promise<number> {
  const info = await jsm.streams.info(memoryEventsStream.name, { subjects_filter: filter });
  return Object.values(info.state.subjects ?? {}).reduce((sum, count) => sum + count, 0);
}

async function openNats(mnemo: MnemoStack) {
  const nc = await connect({ servers: natsServers(mnemo.natsUrl) });
  return { nc, jsm: await jetstreamManager(nc) };
}

const services = ['gateway', 'extractor', 'embedder', 'vector-store'] as const;
const defaultEvents = projectMemoryEventsFilter('default');

describe('memory events on per-project JetStream subjects', () => {
  let mnemo: MnemoStack;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let project: EventCollector;

  beforeAll(async () => {
    mnemo = await startMnemo({ services: [...services] });
    ({ nc, jsm } = await openNats(mnemo));
    project = await EventCollector.start(nc, defaultEvents);
  }, 120_000);

  afterAll(async () => {
    await project?.stop();
    await nc?.drain();
    await mnemo?.stop();
  });

  const add = (body: Record<string, unknown>) => http(mnemo.baseUrl, 'POST', '/memories', body);

  it('publishes exactly one event per change: created, updated, deleted', async () => {
    const added = await add({
      messages: [{ role: 'user', content: 'I adore spicy Sichuan hotpot', name: 'alice' }],
      user_id: 'alice',
      metadata: { source: 'e2e' },
      infer: false,
    });
    expect(added.status).toBe(200);
    const id = added.body.results[0].id as string;
    await eventually(() => expect(project.types(id)).toEqual(['memory.created']), {
      timeoutMs: 15_000,
    });
    const [created] = project.of(id);
    expect(created).toEqual({
      subject: 'mnemo.memory.default.created.v1',
      msgId: created.event.event_id,
      event: {
        event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'memory.created',
        project_id: 'default',
        occurred_at: expect.any(String),
        actor: { actor_id: 'alice', role: 'user' },
        memory: {
          id,
          memory: 'I adore spicy Sichuan hotpot',
          user_id: 'alice',
          agent_id: null,
          app_id: null,
          run_id: null,
          metadata: { source: 'e2e' },
          categories: [],
          expiration_date: null,
          created_at: created.event.occurred_at,
          updated_at: created.event.occurred_at,
        },
      },
    });

    const put = await http(mnemo.baseUrl, 'PUT', `/memories/${id}`, {
      text: 'I adore mild hotpot',
    });
    expect(put.status).toBe(200);
    await eventually(() => expect(project.types(id)).toHaveLength(2), { timeoutMs: 15_000 });
    const updated = project.of(id)[1];
    expect(updated.subject).toBe('mnemo.memory.default.updated.v1');
    expect(updated.event).toMatchObject({
      type: 'memory.updated',
      actor: null,
      previous_memory: 'I adore spicy Sichuan hotpot',
      memory: { id, memory: 'I adore mild hotpot', metadata: { source: 'e2e' } },
    });

    const removed = await http(mnemo.baseUrl, 'DELETE', `/memories/${id}`);
    expect(removed.status).toBe(200);
    await eventually(() => expect(project.types(id)).toHaveLength(3), { timeoutMs: 15_000 });
    expect(project.types(id)).toEqual(['memory.created', 'memory.updated', 'memory.deleted']);
    const deleted = project.of(id)[2];
    expect(deleted.subject).toBe('mnemo.memory.default.deleted.v1');
    expect(deleted.event.memory).toEqual(updated.event.memory);
    expect(new Set(project.of(id).map(({ msgId }) => msgId)).size).toBe(3);
  }, 60_000);

  it('categorizes pipeline adds and relays the pipeline UPDATE and a filtered delete', async () => {
    const first = await add({
      messages: [{ role: 'user', content: 'I live in Hangzhou' }],
      user_id: 'mover',
    });
    const id = first.body.results[0].id as string;
    await eventually(
      () => expect(project.types(id)).toEqual(['memory.created', 'memory.categorized']),
      { timeoutMs: 15_000 },
    );
    const [created, categorized] = project.of(id);
    expect(categorized.subject).toBe('mnemo.memory.default.categorized.v1');
    expect(categorized.event.memory).toEqual(created.event.memory);
    expect(categorized.event.memory.categories.length).toBeGreaterThan(0);

    const moved = await add({
      messages: [{ role: 'user', content: 'I moved to Shanghai' }],
      user_id: 'mover',
    });
    expect(moved.body.results[0]).toMatchObject({ id, event: 'UPDATE' });
    const cleared = await http(mnemo.baseUrl, 'DELETE', '/memories?user_id=mover');
    expect(cleared.status).toBe(200);
    await eventually(() => expect(project.types(id).at(-1)).toBe('memory.deleted'), {
      timeoutMs: 15_000,
    });
    const ofType = (type: string) => project.of(id).filter(({ event }) => event.type === type);
    expect(
      ofType('memory.updated').map(({ event }) => [event.previous_memory, event.memory.memory]),
    ).toEqual([['Lives in Hangzhou', 'Lives in Shanghai']]);
    expect(ofType('memory.deleted').map(({ event }) => event.memory.memory)).toEqual([
      'Lives in Shanghai',
    ]);
  }, 60_000);

  it('stores an event published again under the same Nats-Msg-Id once', async () => {
    const added = await add({
      messages: [{ role: 'user', content: 'I collect old maps' }],
      user_id: 'dedupe',
      infer: false,
    });
    const id = added.body.results[0].id as string;
    await eventually(() => expect(project.types(id)).toEqual(['memory.created']), {
      timeoutMs: 15_000,
    });
    const before = await storedCount(jsm, defaultEvents);
    const [{ subject, event }] = project.of(id);
    const ack = await jetstream(nc).publish(subject, JSON.stringify(event), {
      msgID: event.event_id,
    });
    expect(ack.duplicate).toBe(true);
    expect(await storedCount(jsm, defaultEvents)).toBe(before);
    expect(before).toBe(project.received.length);
  }, 60_000);

  it("never shows a subscriber of one project another project's events", async () => {
    const other = await EventCollector.start(nc, projectMemoryEventsFilter('project-b'));
    const tricky = await EventCollector.start(nc, projectMemoryEventsFilter('default.evil'));
    try {
      const writeTo = (projectId: string, text: string) =>
        nc.request(
          applyWriteContract.subject,
          JSON.stringify({
            eventId: randomUUID(),
            occurredAt: new Date().toISOString(),
            projectId,
            scope: { userId: 'bob' },
            ops: [{ op: 'ADD', text }],
          }),
          { timeout: 15_000 },
        );
      const replies = [
        await writeTo('project-b', 'Bob plays chess on Sundays'),
        await writeTo('default.evil', 'Bob hides in a wildcard project'),
      ];
      expect(replies.map((reply) => reply.json<{ ok: boolean }>().ok)).toEqual([true, true]);
      await eventually(() => expect(other.received).toHaveLength(1), { timeoutMs: 15_000 });
      await eventually(() => expect(tricky.received).toHaveLength(1), { timeoutMs: 15_000 });
      expect(other.received[0].subject).toBe('mnemo.memory.project-b.created.v1');
      expect(tricky.received[0].subject).toBe('mnemo.memory.~64656661756c742e6576696c.created.v1');
      expect(tricky.received[0].event.project_id).toBe('default.evil');

      // The default project's consumer reads in stream order: once this later event arrives,
      // anything of the other projects it could match would already be there.
      const marker = await add({
        messages: [{ role: 'user', content: 'I drink oolong tea' }],
        user_id: 'marker',
        infer: false,
      });
      const markerId = marker.body.results[0].id as string;
      await eventually(() => expect(project.types(markerId)).toContain('memory.created'), {
        timeoutMs: 15_000,
      });
      expect(project.received.filter(({ event }) => event.project_id !== 'default')).toEqual([]);
      expect(other.received.every(({ event }) => event.project_id === 'project-b')).toBe(true);
    } finally {
      await other.stop();
      await tricky.stop();
    }
  }, 60_000);
});

describe('memory events when the vector-store dies between commit and publish', () => {
  let mnemo: MnemoStack;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let project: EventCollector;

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: [...services],
      env: { MNEMO_OUTBOX_RELAY_DELAY_MS: '3000', MNEMO_OUTBOX_POLL_MS: '200' },
    });
    ({ nc, jsm } = await openNats(mnemo));
    project = await EventCollector.start(nc, defaultEvents);
  }, 120_000);

  afterAll(async () => {
    await project?.stop();
    await nc?.drain();
    await mnemo?.stop();
  });

  it('still publishes the committed change, exactly once, after a restart', async () => {
    const added = await http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [{ role: 'user', content: 'I keep bees on the roof' }],
      user_id: 'crash',
      infer: false,
    });
    await mnemo.kill('vector-store');
    expect(added.status).toBe(200);
    const id = added.body.results[0].id as string;
    // Committed, not yet published: the relay delay held it back when the process died.
    expect(await storedCount(jsm, defaultEvents)).toBe(0);

    await mnemo.restart('vector-store');
    await eventually(() => expect(project.types(id)).toEqual(['memory.created']), {
      timeoutMs: 30_000,
    });
    expect(project.of(id)[0].event.memory).toMatchObject({ id, memory: 'I keep bees on the roof' });
    expect(await storedCount(jsm, defaultEvents)).toBe(1);
  }, 90_000);
});
