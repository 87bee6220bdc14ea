import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { defineRequest, isDomainError } from '@mnemo/contracts';
import { createLogger } from '@mnemo/observability';
import type { BusContext } from './bus-context';
import { NatsBus } from './nats-bus';

/** Against the NATS server `npm test` starts (8 MB max payload, as the local stack). */
function natsUrl(): string {
  const url = process.env.MNEMO_NATS_URL;
  if (!url) throw new Error('MNEMO_NATS_URL is not set: run the tests with `npm test`');
  return url;
}

const echoContract = (subject: string) =>
  defineRequest(
    subject,
    z.object({ projectId: z.string(), text: z.string(), replyBytes: z.number().default(0) }),
    z.object({ text: z.string() }),
  );

async function connect(service: string): Promise<NatsBus> {
  return NatsBus.connect({
    url: natsUrl(),
    service,
    instanceId: randomUUID(),
    logger: createLogger({ service, instanceId: 'spec', level: 'silent' }),
    requestTimeoutMs: 2000,
    breaker: { resetTimeoutMs: 60_000 },
  });
}

async function failure(promise: Promise<unknown>) {
  const err = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isDomainError(err)) throw new Error(`expected a DomainError, got ${String(err)}`);
  return err;
}

describe(`${NatsBus.name} over a real NATS server`, () => {
  let caller: NatsBus;
  let responder: NatsBus;
  const contract = echoContract(`spec.echo.${randomUUID()}.v1`);
  const handled: BusContext[] = [];

  beforeAll(async () => {
    [caller, responder] = await Promise.all([connect('caller'), connect('responder')]);
    responder.respond(
      contract,
      async ({ projectId, text, replyBytes }, context) => {
        handled.push(context);
        if (projectId === 'slow') await new Promise((resolve) => setTimeout(resolve, 500));
        return { text: replyBytes > 0 ? 'r'.repeat(replyBytes) : text };
      },
      'spec',
    );
    await responder.connection.flush();
  });

  afterAll(async () => {
    await Promise.all([caller?.drain(), responder?.drain()]);
  });

  it('refuses a request over the max payload before publishing, as a client error', async () => {
    const before = handled.length;
    const text = 'x'.repeat(caller.maxPayload!);
    const err = await failure(caller.request(contract, { projectId: 'big', text }));
    expect(err).toMatchObject({ code: 'payload_too_large', retryable: false });
    expect(handled).toHaveLength(before);
    expect(caller.breakers.state(contract.subject)).toBe('closed');
    expect(caller.breakers.state(contract.subject, 'big')).toBe('closed');
  });

  it('answers a reply too large for the bus with payload_too_large instead of silence', async () => {
    const replyBytes = responder.maxPayload! + 1;
    const err = await failure(caller.request(contract, { projectId: 'p', text: 'a', replyBytes }));
    expect(err).toMatchObject({ code: 'payload_too_large', retryable: false });
    await expect(caller.request(contract, { projectId: 'p', text: 'ok' })).resolves.toEqual({
      text: 'ok',
    });
  });

  it("opens only the slow project's breaker on its timeouts; other projects keep the target", async () => {
    for (let i = 0; i < 4; i++) {
      const err = await failure(
        caller.request(contract, { projectId: 'slow', text: 't' }, { timeoutMs: 100 }),
      );
      expect(err.code).toMatch(/^(timeout|unavailable)$/);
    }
    expect(caller.breakers.state(contract.subject, 'slow')).toBe('open');
    expect(caller.breakers.state(contract.subject)).toBe('closed');
    const shed = await failure(caller.request(contract, { projectId: 'slow', text: 't' }));
    expect(shed.message).toContain('circuit open');
    expect(() => caller.breakers.assertClosed(contract.subject, 'slow')).toThrow('circuit open');
    expect(() => caller.breakers.assertClosed(contract.subject, 'quiet')).not.toThrow();
    await expect(caller.request(contract, { projectId: 'quiet', text: 'hi' })).resolves.toEqual({
      text: 'hi',
    });
  });

  it("carries the caller's time budget, so the responder knows its deadline", async () => {
    const sent = Date.now();
    await caller.request(contract, { projectId: 'quiet', text: 'budget' }, { timeoutMs: 1500 });
    const context = handled[handled.length - 1];
    expect(context.projectId).toBe('quiet');
    expect(context.deadline).toBeGreaterThanOrEqual(sent + 1500);
    expect(context.deadline).toBeLessThanOrEqual(Date.now() + 1500);
  });
});
