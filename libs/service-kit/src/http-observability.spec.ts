import { Writable } from 'node:stream';
import Fastify from 'fastify';
import pino from 'pino';
import { currentBusContext } from '@mnemo/messaging';
import { observeHttpRequests } from './http-observability';

function capturingLogger() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  // The services' mixin: the request id of the work a line is written for.
  const logger = pino({ mixin: () => ({ ...currentBusContext() }) }, stream);
  return { logger, lines };
}

describe(observeHttpRequests.name, () => {
  it('writes one access line per request and puts its id on the lines its handler writes', async () => {
    const { logger, lines } = capturingLogger();
    const app = Fastify({ genReqId: () => 'req-1' });
    observeHttpRequests(app, logger);
    app.post('/things/:id', async (request) => {
      // After a body read in many chunks, and an await: still in the request's context.
      await new Promise((resolve) => setTimeout(resolve, 5));
      logger.warn({ chars: JSON.stringify(request.body).length }, 'handling');
      return { ok: true };
    });
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    const answer = await fetch(`${base}/things/42?user_id=alice`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 'x'.repeat(500_000) }),
    });
    expect(answer.status).toBe(200);
    await app.close();
    expect(lines.find((line) => line.msg === 'handling')).toMatchObject({ requestId: 'req-1' });
    const access = lines.filter((line) => line.event === 'http.access');
    expect(access).toEqual([
      expect.objectContaining({
        requestId: 'req-1',
        method: 'POST',
        path: '/things/42',
        route: '/things/:id',
        status: 200,
        ms: expect.any(Number),
        msg: 'POST /things/42 200',
      }),
    ]);
    // No trace id without tracing, and the query string (user ids, search texts) stays out.
    expect(access[0].traceId).toBeUndefined();
    expect(JSON.stringify(access[0])).not.toContain('alice');
  });

  it('names an unmatched route as such', async () => {
    const { logger, lines } = capturingLogger();
    const app = Fastify();
    observeHttpRequests(app, logger);
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    await fetch(`${base}/nowhere`);
    await app.close();
    expect(lines.filter((line) => line.event === 'http.access')).toEqual([
      expect.objectContaining({ route: 'unmatched', status: 404, path: '/nowhere' }),
    ]);
  });
});
