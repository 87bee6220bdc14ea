import { randomUUID } from 'node:crypto';
import {
  AckPolicy,
  DeliverPolicy,
  DiscardPolicy,
  jetstream,
  jetstreamManager,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import type { StreamDefinition } from '@mnemo/contracts';
import { createLogger } from '@mnemo/observability';
import { ensureConsumer, ensureStream, retryTransient } from './jetstream-setup';
import { JobQueue } from './job-queue';

/** Against the single NATS server `npm test` starts. */
function natsUrl(): string {
  const url = process.env.MNEMO_NATS_URL;
  if (!url) throw new Error('MNEMO_NATS_URL is not set: run the tests with `npm test`');
  return url;
}

describe('JetStream setup shared by every service', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const name = `SPEC_SETUP_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl() });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await jsm.streams.delete(name).catch(() => false);
    await nc.close();
  });

  it('creates one stream and one consumer when many instances set them up at once', async () => {
    const stream = { name, subjects: [`spec.setup.${name}.v1`], max_msgs: 100 };
    await Promise.all(Array.from({ length: 8 }, () => ensureStream(jsm, stream)));
    const consumer = { durable_name: 'spec-setup', max_ack_pending: 10 };
    await Promise.all(Array.from({ length: 8 }, () => ensureConsumer(jsm, name, consumer)));
    expect((await jsm.streams.info(name)).config.max_msgs).toBe(100);
    const consumers = await jsm.consumers.list(name).next();
    expect(consumers.map((info) => info.name)).toEqual(['spec-setup']);
  });

  it('brings an existing stream and consumer to a changed config', async () => {
    await ensureStream(jsm, { name, max_msgs: 200 });
    await ensureConsumer(jsm, name, { durable_name: 'spec-setup', max_ack_pending: 20 });
    expect((await jsm.streams.info(name)).config.max_msgs).toBe(200);
    expect((await jsm.consumers.info(name, 'spec-setup')).config.max_ack_pending).toBe(20);
  });

  it('retries what a cluster answers while it elects a leader, and nothing else', async () => {
    let calls = 0;
    const flaky = () => {
      calls += 1;
      if (calls < 3) throw new Error('JetStream system temporarily unavailable');
      return Promise.resolve('done');
    };
    await expect(retryTransient('a flaky call', flaky, [1, 1, 1])).resolves.toBe('done');
    expect(calls).toBe(3);

    const failing = jest.fn(() => Promise.reject(new Error('insufficient resources')));
    await expect(retryTransient('a bad call', failing, [1, 1, 1])).rejects.toThrow(
      'insufficient resources',
    );
    expect(failing).toHaveBeenCalledTimes(1);
    await expect(
      retryTransient('a slow call', () => Promise.reject(new Error('TIMEOUT')), [1, 1]),
    ).rejects.toThrow('a slow call failed after 3 attempts: TIMEOUT');
  });
});

const logger = createLogger({ service: 'spec', instanceId: 'spec', level: 'silent' });
const nanos = (ms: number) => ms * 1_000_000;
const limits = { maxAgeMs: 3_600_000, duplicateWindowMs: 120_000 };

/**
 * A stream kept by age like the memory events one (a spec cannot share MNEMO_MEMORY_EVENTS with the
 * suites running beside it, so it gets a name of its own).
 */
function eventStream(): StreamDefinition {
  const id = randomUUID().slice(0, 8);
  return {
    name: `SPEC_EVENTS_${id}`,
    subjects: [`spec.events.${id}.>`],
    retention: 'limits',
  } as unknown as StreamDefinition;
}

describe(`${JobQueue.name} setting up an event stream and its durable consumer`, () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let queue: JobQueue;
  const created: string[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl() });
    jsm = await jetstreamManager(nc);
    queue = await JobQueue.create(nc, logger, undefined, { replicas: 1 });
  });

  afterAll(async () => {
    for (const name of created) await jsm.streams.delete(name).catch(() => false);
    await nc.close();
  });

  it('reuses a stream and consumer set up the way the vector-store and dispatcher did before', async () => {
    const stream = eventStream();
    created.push(stream.name);
    // The vector-store's and the dispatcher's own setup, as it was before it moved to the queue.
    await jsm.streams.add({
      name: stream.name,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      subjects: [...stream.subjects],
      max_age: nanos(limits.maxAgeMs),
      duplicate_window: nanos(limits.duplicateWindowMs),
      num_replicas: 1,
    });
    await jsm.consumers.add(stream.name, {
      durable_name: 'spec-dispatcher',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: stream.subjects[0],
      ack_wait: nanos(30_000),
      max_ack_pending: 1000,
    });
    const streamBefore = await jsm.streams.info(stream.name);
    const consumerBefore = await jsm.consumers.info(stream.name, 'spec-dispatcher');
    const subject = stream.subjects[0].replace('>', 'created.v1');
    await jetstream(nc).publish(subject, '{"n":1}', { msgID: 'event-1' });

    await queue.ensureStream(stream, limits);
    const messages = await queue.openConsumer(
      stream,
      {
        durable: 'spec-dispatcher',
        filterSubject: stream.subjects[0],
        ackWaitMs: 30_000,
        maxAckPending: 1000,
      },
      8,
    );

    const streamAfter = await jsm.streams.info(stream.name);
    expect(streamAfter.created).toBe(streamBefore.created);
    expect(streamAfter.config).toEqual(streamBefore.config);
    expect(streamAfter.state.messages).toBe(1);
    const consumerAfter = await jsm.consumers.info(stream.name, 'spec-dispatcher');
    expect(consumerAfter.created).toBe(consumerBefore.created);
    expect(consumerAfter.config).toEqual(consumerBefore.config);
    for await (const msg of messages) {
      expect(msg.json()).toEqual({ n: 1 });
      msg.ack();
      break;
    }
    await messages.close();
  });

  it('creates the stream kept by age, storing a repeated message id once', async () => {
    const stream = eventStream();
    created.push(stream.name);
    await Promise.all([1, 2, 3].map(() => queue.ensureStream(stream, limits)));
    const info = await jsm.streams.info(stream.name);
    expect(info.config).toMatchObject({
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      discard: DiscardPolicy.Old,
      max_age: nanos(limits.maxAgeMs),
      duplicate_window: nanos(limits.duplicateWindowMs),
      num_replicas: 1,
    });
    const subject = stream.subjects[0].replace('>', 'deleted.v1');
    const js = jetstream(nc);
    expect((await js.publish(subject, '{}', { msgID: 'same' })).duplicate).toBe(false);
    expect((await js.publish(subject, '{}', { msgID: 'same' })).duplicate).toBe(true);
  });

  it('brings an existing stream to a changed age, keeping its messages', async () => {
    const stream = eventStream();
    created.push(stream.name);
    await queue.ensureStream(stream, limits);
    await jetstream(nc).publish(stream.subjects[0].replace('>', 'updated.v1'), '{}');
    await queue.ensureStream(stream, { ...limits, maxAgeMs: 7_200_000 });
    const info = await jsm.streams.info(stream.name);
    expect(info.config.max_age).toBe(nanos(7_200_000));
    expect(info.state.messages).toBe(1);
  });

  it('redelivers an event whose reader did not acknowledge it, without a delivery limit', async () => {
    const stream = eventStream();
    created.push(stream.name);
    await queue.ensureStream(stream, limits);
    const options = {
      durable: 'spec-reader',
      filterSubject: stream.subjects[0],
      ackWaitMs: 30_000,
      maxAckPending: 10,
    };
    const messages = await queue.openConsumer(stream, options, 4);
    await jetstream(nc).publish(stream.subjects[0].replace('>', 'created.v1'), '{"n":2}');
    const deliveries: number[] = [];
    for await (const msg of messages) {
      deliveries.push(msg.info.deliveryCount);
      if (deliveries.length === 1) {
        msg.nak();
        continue;
      }
      msg.ack();
      break;
    }
    await messages.close();
    expect(deliveries).toEqual([1, 2]);
    const config = (await jsm.consumers.info(stream.name, 'spec-reader')).config;
    expect(config.max_deliver).toBe(-1);
    expect(config.deliver_policy).toBe(DeliverPolicy.All);
  });
});
