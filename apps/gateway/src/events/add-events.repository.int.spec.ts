import { addCompleted, type AddResult } from '@mnemo/contracts';
import { openThrowawayDatabase, type ThrowawayDatabase } from '@mnemo/persistence';
import { gatewayDatabase } from '../database/database.module';
import { AddEventsRepository } from './add-events.repository';

const projectId = 'p1';
const result: AddResult = { id: 'm1', memory: 'Keeps bees', event: 'ADD' };
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms)).toISOString();

/** The extractor's messages arrive in any order and more than once; the record never goes back. */
describe('AddEventsRepository (MariaDB)', () => {
  let spec: ThrowawayDatabase;
  let events: AddEventsRepository;

  beforeAll(async () => {
    spec = await openThrowawayDatabase('mnemo_add_events_test', gatewayDatabase);
    events = new AddEventsRepository(spec.dataSource);
  });

  afterAll(() => spec?.drop());

  const started = (eventId: string, occurredAt: string) =>
    events.started({
      eventId,
      projectId,
      occurredAt,
      acceptedAt: at(0),
      eventType: 'ADD',
      payload: { messages: [{ role: 'user', content: 'I keep bees' }], user_id: 'u1' },
      metadata: { source: 'spec' },
    });
  const completed = (eventId: string, occurredAt: string, failed = false) =>
    events.completed({
      ...addCompleted(
        { eventId, projectId },
        failed ? [] : [result],
        failed ? { code: 'provider_bad_request', message: 'no', retryable: false } : undefined,
      ),
      occurredAt,
    });

  it('goes PENDING, RUNNING, SUCCEEDED with its payload, start and latency', async () => {
    await events.register(
      {
        eventId: 'e1',
        projectId,
        eventType: 'ADD',
        payload: { messages: [], user_id: 'u1' },
        metadata: null,
      },
      new Date(at(0)),
    );
    expect(await events.get(projectId, 'e1')).toMatchObject({ status: 'PENDING' });
    await started('e1', at(100));
    expect(await events.get(projectId, 'e1')).toMatchObject({
      status: 'RUNNING',
      startedAt: at(100),
    });
    await completed('e1', at(350));
    expect(await events.get(projectId, 'e1')).toMatchObject({
      status: 'SUCCEEDED',
      results: [result],
      startedAt: at(100),
      completedAt: at(350),
      latencyMs: 350,
      payload: { messages: [], user_id: 'u1' },
    });
    expect(await events.completion(projectId, 'e1')).toMatchObject({
      eventId: 'e1',
      status: 'SUCCEEDED',
      results: [result],
    });
  });

  it('keeps the outcome when the start arrives after it, and fills what the outcome lacked', async () => {
    await completed('e2', at(500));
    expect(await events.get(projectId, 'e2')).toMatchObject({ status: 'SUCCEEDED', payload: null });
    await started('e2', at(200));
    expect(await events.get(projectId, 'e2')).toMatchObject({
      status: 'SUCCEEDED',
      payload: { user_id: 'u1' },
      metadata: { source: 'spec' },
      createdAt: at(0),
      startedAt: at(200),
      latencyMs: 500,
    });
    // The gateway's own registration, late: nothing changes.
    await events.register({
      eventId: 'e2',
      projectId,
      eventType: 'ADD',
      payload: null,
      metadata: null,
    });
    expect(await events.get(projectId, 'e2')).toMatchObject({ status: 'SUCCEEDED' });
  });

  it('never flips a final outcome: a second completion or a retry start leaves it', async () => {
    await started('e3', at(100));
    await completed('e3', at(300), true);
    await started('e3', at(400));
    await completed('e3', at(900));
    const event = await events.get(projectId, 'e3');
    expect(event).toMatchObject({
      status: 'FAILED',
      results: [],
      error: { code: 'provider_bad_request' },
      completedAt: at(300),
      startedAt: at(100),
    });
    expect(await events.completion(projectId, 'e3')).toMatchObject({
      status: 'FAILED',
      error: { code: 'provider_bad_request' },
    });
  });

  it('has no completion while the add runs, and none for another project', async () => {
    await started('e4', at(100));
    expect(await events.completion(projectId, 'e4')).toBeNull();
    expect(await events.completion('p2', 'e1')).toBeNull();
  });

  it('stores the writes asked for in one turn of the loop in one statement per kind', async () => {
    const statements = jest.spyOn(spec.dataSource, 'query');
    const ids = Array.from({ length: 40 }, (_, n) => `b${n}`);
    const registration = (eventId: string) => ({
      eventId,
      projectId,
      eventType: 'ADD',
      payload: { messages: [], user_id: 'u1' },
      metadata: null,
    });
    await Promise.all(ids.map((id) => events.register(registration(id), new Date(at(0)))));
    expect(statements).toHaveBeenCalledTimes(1);
    // Starts and outcomes of the same events, asked for together, in any order.
    await Promise.all(
      [...ids]
        .reverse()
        .flatMap((id, n) => [started(id, at(100)), completed(id, at(200), n % 2 === 0)]),
    );
    expect(statements).toHaveBeenCalledTimes(3);
    statements.mockRestore();
    for (const [n, id] of [...ids].reverse().entries()) {
      expect(await events.get(projectId, id)).toMatchObject({
        status: n % 2 === 0 ? 'FAILED' : 'SUCCEEDED',
        startedAt: at(100),
        completedAt: at(200),
        latencyMs: 200,
      });
    }
  });

  it('answers each caller of a batch, and a failed batch fails each of its callers', async () => {
    const statements = jest.spyOn(spec.dataSource, 'query');
    statements.mockRejectedValueOnce(new Error('connection lost'));
    const outcomes = await Promise.allSettled([started('f1', at(100)), started('f2', at(100))]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    statements.mockRestore();
    await started('f1', at(100));
    expect(await events.get(projectId, 'f1')).toMatchObject({ status: 'RUNNING' });
    expect(await events.get(projectId, 'f2')).toBeNull();
  });

  it('cuts a batch of large payloads into statements the server takes, each row stored once', async () => {
    const statements = jest.spyOn(spec.dataSource, 'query');
    const content = 'x'.repeat(1024 * 1024);
    const ids = Array.from({ length: 10 }, (_, n) => `big${n}`);
    await Promise.all(
      ids.map((eventId) =>
        events.register({
          eventId,
          projectId,
          eventType: 'ADD',
          payload: { messages: [{ role: 'user', content }], user_id: 'u1' },
          metadata: null,
        }),
      ),
    );
    // About 1 MB a row and at most 4 MB a statement: three rows a statement.
    expect(statements).toHaveBeenCalledTimes(4);
    statements.mockRestore();
    for (const id of ids) {
      const event = await events.get(projectId, id);
      expect(event?.status).toBe('PENDING');
      expect(
        (event?.payload as { messages: { content: string }[] }).messages[0].content,
      ).toHaveLength(content.length);
    }
  });
});
