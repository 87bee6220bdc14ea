import { randomUUID } from 'node:crypto';
import {
  addCompleted,
  DomainError,
  healthContract,
  memoryWriteCompletedContract,
} from '@mnemo/contracts';
import { NatsBus } from '@mnemo/messaging';
import { createLogger } from '@mnemo/observability';
import { AddCompletions } from './add-completions';

function connect(service: string): Promise<NatsBus> {
  const url = process.env.MNEMO_NATS_URL;
  if (!url) throw new Error('MNEMO_NATS_URL is not set: run the tests with `npm test`');
  return NatsBus.connect({
    url,
    service,
    instanceId: randomUUID(),
    logger: createLogger({ service, instanceId: 'spec', level: 'silent' }),
    requestTimeoutMs: 2000,
  });
}

/** A synchronous add's wait, over a real NATS server: the message, or the recorded outcome. */
describe('AddCompletions', () => {
  let gateway: NatsBus;
  let vectorStore: NatsBus;
  let completions: AddCompletions;
  const projectId = 'p1';
  const result = { id: 'm1', memory: 'Lives in Hangzhou', event: 'ADD' as const };
  const down = () => new DomainError('unavailable', 'no vector-store', true);

  beforeAll(async () => {
    [gateway, vectorStore] = await Promise.all([connect('gateway'), connect('vector-store')]);
    // The pipeline "runs": its health subject has a responder.
    vectorStore.respond(
      healthContract('vector-store'),
      () =>
        Promise.resolve({
          service: 'vector-store' as const,
          instanceId: 'spec',
          status: 'ok' as const,
          uptimeSeconds: 1,
        }),
      'vector-store',
    );
    completions = new AddCompletions(gateway);
    completions.onApplicationBootstrap();
  });

  afterAll(async () => {
    await gateway?.drain();
    await vectorStore?.drain();
  });

  it('settles on the completion message', async () => {
    const eventId = randomUUID();
    const completion = completions.expect(eventId, 10_000);
    let asked = 0;
    const waited = completions.wait(eventId, completion, {
      pipeline: 'vector-store',
      pipelineDown: down,
      recorded: () => {
        asked += 1;
        return Promise.resolve(null);
      },
    });
    setTimeout(
      () =>
        vectorStore.publish(
          memoryWriteCompletedContract,
          addCompleted({ eventId, projectId }, [result]),
        ),
      200,
    );
    await expect(waited).resolves.toMatchObject({
      eventId,
      status: 'SUCCEEDED',
      results: [result],
    });
    expect(asked).toBe(0);
  });

  it('takes the recorded outcome when the message never comes, instead of waiting out its timeout', async () => {
    const eventId = randomUUID();
    const started = Date.now();
    const completion = completions.expect(eventId, 30_000);
    let recorded = false;
    setTimeout(() => (recorded = true), 500);
    const done = await completions.wait(eventId, completion, {
      pipeline: 'vector-store',
      pipelineDown: down,
      recorded: () =>
        Promise.resolve(recorded ? addCompleted({ eventId, projectId }, [result]) : null),
    });
    expect(done).toMatchObject({ eventId, status: 'SUCCEEDED', results: [result] });
    // First asked after 2 s (the message usually comes well before).
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('keeps waiting while the owner cannot answer, and still times out in the end', async () => {
    const eventId = randomUUID();
    const completion = completions.expect(eventId, 2500);
    await expect(
      completions.wait(eventId, completion, {
        pipeline: 'vector-store',
        pipelineDown: down,
        recorded: () => Promise.reject(new Error('the vector-store did not answer')),
      }),
    ).rejects.toMatchObject({ code: 'timeout' });
  });
});
