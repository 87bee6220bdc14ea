import { randomUUID } from 'node:crypto';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { ensureConsumer, ensureStream, retryTransient } from './jetstream-setup';

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
