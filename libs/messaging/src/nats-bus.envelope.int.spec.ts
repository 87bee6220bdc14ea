import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, defineRequest, isDomainError } from '@mnemo/contracts';
import { createLogger } from '@mnemo/observability';
import { NatsBus } from './nats-bus';

/** Against the NATS server `npm test` starts. */
function natsUrl(): string {
  const url = process.env.MNEMO_NATS_URL;
  if (!url) throw new Error('MNEMO_NATS_URL is not set: run the tests with `npm test`');
  return url;
}

const logger = createLogger({ service: 'spec', instanceId: 'spec', level: 'silent' });

function connect(service: string): Promise<NatsBus> {
  return NatsBus.connect({
    url: natsUrl(),
    service,
    instanceId: randomUUID(),
    logger,
    requestTimeoutMs: 2000,
    breaker: { resetTimeoutMs: 60_000 },
  });
}

async function failure(promise: Promise<unknown>): Promise<DomainError> {
  const err = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isDomainError(err)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

const contract = defineRequest(
  `spec.envelope.${randomUUID()}.v1`,
  z.object({ projectId: z.string(), outcome: z.enum(['ok', 'domain', 'crash']) }),
  z.object({ answered: z.string() }),
);

describe(`${NatsBus.name} reply envelope over a real NATS server`, () => {
  let caller: NatsBus;
  let responder: NatsBus;
  let handled = 0;

  beforeAll(async () => {
    [caller, responder] = await Promise.all([connect('caller'), connect('responder')]);
    responder.respond(
      contract,
      ({ outcome }) => {
        handled += 1;
        if (outcome === 'domain') {
          throw new DomainError('conflict', 'the memory changed meanwhile', false, { id: 'm-1' });
        }
        if (outcome === 'crash') throw new Error('secret connection string in a stack');
        return { answered: 'yes' };
      },
      'spec',
    );
    await responder.connection.flush();
  });

  afterAll(async () => {
    await Promise.all([caller?.drain(), responder?.drain()]);
  });

  it("gives the caller the responder's domain error with its code, message, retryable flag and details", async () => {
    const err = await failure(caller.request(contract, { projectId: 'p', outcome: 'domain' }));
    expect(err.toBody()).toEqual({
      code: 'conflict',
      message: 'the memory changed meanwhile',
      retryable: false,
      details: { id: 'm-1' },
    });
  });

  it('answers a request its schema refuses with validation_failed and the issues, without running the handler', async () => {
    const before = handled;
    const malformed = { projectId: 'p', outcome: 'sideways' } as unknown as {
      projectId: string;
      outcome: 'ok';
    };
    const err = await failure(caller.request(contract, malformed));
    expect(err).toMatchObject({ code: 'validation_failed', retryable: false });
    expect(err.details).toEqual([expect.objectContaining({ path: ['outcome'] })]);
    expect(handled).toBe(before);
  });

  it('answers an unexpected failure as a retryable internal error that does not leak its message', async () => {
    const err = await failure(caller.request(contract, { projectId: 'p', outcome: 'crash' }));
    expect(err.toBody()).toEqual({
      code: 'internal',
      message: 'internal error',
      retryable: true,
      details: undefined,
    });
  });

  it('never opens a breaker on answered errors, however many', async () => {
    for (let i = 0; i < 8; i++) {
      const outcome = i % 2 === 0 ? 'domain' : 'crash';
      await failure(caller.request(contract, { projectId: 'noisy', outcome }));
    }
    expect(caller.breakers.state(contract.subject)).toBe('closed');
    expect(caller.breakers.state(contract.subject, 'noisy')).toBe('closed');
    await expect(caller.request(contract, { projectId: 'noisy', outcome: 'ok' })).resolves.toEqual({
      answered: 'yes',
    });
  });

  it('fails at once as unavailable and retryable when nobody answers the subject', async () => {
    const nobody = defineRequest(`spec.nobody.${randomUUID()}.v1`, z.object({}), z.object({}));
    const started = Date.now();
    const err = await failure(caller.request(nobody, {}, { timeoutMs: 5000 }));
    expect(err).toMatchObject({ code: 'unavailable', retryable: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

describe(`${NatsBus.name} drain over a real NATS server`, () => {
  const slow = defineRequest(
    `spec.drain.${randomUUID()}.v1`,
    z.object({ n: z.number() }),
    z.object({ n: z.number() }),
  );

  it('lets a request in flight answer, then stops taking requests and closes', async () => {
    const [caller, responder] = await Promise.all([connect('caller'), connect('responder')]);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    responder.respond(
      slow,
      async ({ n }) => {
        started();
        await gate;
        return { n: n * 2 };
      },
      'spec',
    );
    await responder.connection.flush();
    try {
      const answer = caller.request(slow, { n: 21 });
      await running;
      let drained = false;
      const draining = responder.drain().then(() => (drained = true));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(drained).toBe(false);
      // Nobody takes new requests while the one in flight finishes.
      const late = await failure(caller.request(slow, { n: 1 }));
      expect(late.code).toBe('unavailable');
      release();
      await expect(answer).resolves.toEqual({ n: 42 });
      await draining;
      expect(responder.connection.isClosed()).toBe(true);
    } finally {
      release();
      await Promise.all([caller.drain(), responder.drain()]);
    }
  });
});
