import { randomUUID } from 'node:crypto';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { z } from 'zod';
import { defineMessage, DomainError, type StreamDefinition } from '@mnemo/contracts';
import { createLogger } from '@mnemo/observability';
import { JobQueue } from './job-queue';
import { ResponderProbe } from './responder-probe';
import { SettingsStore } from './settings-store';

/** Against the single NATS server `npm test` starts. */
function natsUrl(): string {
  const url = process.env.MNEMO_NATS_URL;
  if (!url) throw new Error('MNEMO_NATS_URL is not set: run the tests with `npm test`');
  return url;
}

const logger = createLogger({ service: 'spec', instanceId: 'spec', level: 'silent' });

describe(`${JobQueue.name} replicas on a real NATS server`, () => {
  let nc: NatsConnection;
  const created: string[] = [];

  const streamNamed = () => {
    const id = randomUUID().slice(0, 8);
    const name = `SPEC_REPLICAS_${id}`;
    created.push(name);
    const subjects = [`spec.replicas.${id}.v1`];
    // Mnemo's stream definitions are constants; a spec needs one of its own.
    return { name, subjects, retention: 'workqueue' } as unknown as StreamDefinition;
  };

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl() });
  });

  afterAll(async () => {
    const jsm = await jetstreamManager(nc);
    for (const name of created) await jsm.streams.delete(name).catch(() => false);
    await nc.close();
  });

  it('creates a stream with the replicas asked for', async () => {
    const queue = await JobQueue.create(nc, logger, undefined, { replicas: 1 });
    const stream = streamNamed();
    await queue.ensureStream(stream);
    const info = await (await jetstreamManager(nc)).streams.info(stream.name);
    expect(info.config.num_replicas).toBe(1);
  });

  it('names MNEMO_JETSTREAM_REPLICAS when the server cannot place the replicas', async () => {
    const queue = await JobQueue.create(nc, logger, undefined, { replicas: 3 });
    await expect(queue.ensureStream(streamNamed())).rejects.toThrow(
      /with 3 replicas \(MNEMO_JETSTREAM_REPLICAS=3\).*lower MNEMO_JETSTREAM_REPLICAS/,
    );
  });

  it('creates a KV bucket with the replicas asked for, naming the setting when it cannot', async () => {
    const bucket = `spec-kv-${randomUUID().slice(0, 8)}`;
    created.push(`KV_${bucket}`);
    await SettingsStore.open(nc, 1, bucket);
    const info = await (await jetstreamManager(nc)).streams.info(`KV_${bucket}`);
    expect(info.config.num_replicas).toBe(1);
    const another = `spec-kv-${randomUUID().slice(0, 8)}`;
    await expect(SettingsStore.open(nc, 3, another)).rejects.toThrow(
      `Cannot create the KV bucket ${another} with 3 replicas (MNEMO_JETSTREAM_REPLICAS=3)`,
    );
  });

  it('publishes again, once, when the stream answers only after a moment', async () => {
    const queue = await JobQueue.create(nc, logger);
    const stream = streamNamed();
    const contract = defineMessage(stream.subjects[0], z.object({ n: z.number() }));
    // No stream takes the subject yet: JetStream says "no responders" until it is created.
    const published = queue.publish(contract, { n: 1 }, 'only-once');
    await new Promise((resolve) => setTimeout(resolve, 150));
    await queue.ensureStream(stream);
    await expect(published).resolves.toEqual({ duplicate: false });
    expect(await queue.publish(contract, { n: 1 }, 'only-once')).toEqual({ duplicate: true });
    const info = await (await jetstreamManager(nc)).streams.info(stream.name);
    expect(info.state.messages).toBe(1);
  });

  it('gives up on a publish nobody takes after its retries, naming the attempts', async () => {
    const queue = await JobQueue.create(nc, logger);
    const contract = defineMessage(`spec.nostream.${randomUUID().slice(0, 8)}.v1`, z.object({}));
    await expect(queue.publish(contract, {}, 'id')).rejects.toThrow(/5 attempts/);
  });

  it('retries a retryable failure with backoff, then gives up once and reports the last error', async () => {
    const queue = await JobQueue.create(nc, logger);
    const stream = streamNamed();
    await queue.ensureStream(stream);
    const contract = defineMessage(stream.subjects[0], z.object({ n: z.number() }));
    const attempts: { n: number; deliveryCount: number; lastAttempt: boolean }[] = [];
    const exhausted: { n: number; code: string }[] = [];
    await queue.consume(
      contract,
      { stream, durable: 'spec', maxDeliver: 3, backoffMs: [50, 100], concurrency: 4 },
      (job, info) => {
        attempts.push({ n: job.n, ...info });
        // Job 1 always fails for a passing reason, job 2 for good, job 3 on its first try only.
        if (job.n === 1) return Promise.reject(new DomainError('unavailable', 'down', true));
        if (job.n === 2) return Promise.reject(new DomainError('validation_failed', 'bad', false));
        if (job.n === 3 && info.deliveryCount === 1)
          return Promise.reject(new DomainError('timeout', 'slow', true));
        return Promise.resolve();
      },
      (job, error) => {
        exhausted.push({ n: job.n, code: error.code });
        return Promise.resolve();
      },
    );
    for (const n of [1, 2, 3]) await queue.publish(contract, { n }, `job-${n}`);
    await until(() => exhausted.length === 2 && attempts.filter((a) => a.n === 3).length === 2);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await queue.stop();
    const tries = (n: number) => attempts.filter((a) => a.n === n).map((a) => a.deliveryCount);
    expect(tries(1)).toEqual([1, 2, 3]);
    expect(attempts.filter((a) => a.n === 1).map((a) => a.lastAttempt)).toEqual([
      false,
      false,
      true,
    ]);
    expect(tries(2)).toEqual([1]);
    expect(tries(3)).toEqual([1, 2]);
    expect(exhausted.sort((a, b) => a.n - b.n)).toEqual([
      { n: 1, code: 'unavailable' },
      { n: 2, code: 'validation_failed' },
    ]);
    // Nothing is left: the acknowledged and the given-up jobs are both off the work queue.
    await nc.flush();
    let lag = await queue.consumerLag(stream, 'spec');
    for (let tries = 0; tries < 50 && lag.ackPending > 0; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      lag = await queue.consumerLag(stream, 'spec');
    }
    expect(lag).toEqual({ pending: 0, ackPending: 0 });
  });

  it('fails a publish at once while the connection is down', async () => {
    const queue = await JobQueue.create(nc, logger, undefined, { connected: () => false });
    const contract = defineMessage('spec.x.v1', z.object({}));
    await expect(queue.publish(contract, {}, 'id')).rejects.toThrow(
      'NATS is unreachable (reconnecting)',
    );
  });
});

describe(`${ResponderProbe.name} on a real NATS server`, () => {
  let nc: NatsConnection;

  beforeAll(async () => {
    nc = await connect({ servers: natsUrl() });
  });

  afterAll(async () => {
    await nc.close();
  });

  it('tells a subject somebody answers from one nobody does, and caches the answer', async () => {
    const subject = `spec.probe.${randomUUID()}.v1`;
    const probe = new ResponderProbe(nc, { ttlMs: 60_000 });
    expect(await probe.present(subject)).toBe(false);
    nc.subscribe(subject, { callback: (_err, msg) => void msg.respond('{}') });
    await nc.flush();
    expect(await probe.present(subject)).toBe(false);
    expect(await new ResponderProbe(nc).present(subject)).toBe(true);
  });

  it('counts a responder slower than its timeout as present', async () => {
    const subject = `spec.probe.${randomUUID()}.v1`;
    nc.subscribe(subject, { callback: () => undefined });
    await nc.flush();
    expect(await new ResponderProbe(nc, { timeoutMs: 100 }).present(subject)).toBe(true);
  });
});

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the jobs');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
