import { connect } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { clientErrorHandler, frameworkErrors } from './framework-errors';

/** Sends raw bytes and reads the whole answer: these requests are ones no HTTP client would send. */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(request));
    let answer = '';
    socket.on('data', (chunk) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

function bodyOf(answer: string): unknown {
  return JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
}

describe('framework errors', () => {
  let app: FastifyInstance;
  let port: number;

  beforeAll(async () => {
    app = Fastify({ frameworkErrors, clientErrorHandler, maxParamLength: 100 });
    app.get('/items/:id', () => ({ ok: true }));
    await app.listen({ port: 0, host: '127.0.0.1' });
    port = (app.server.address() as { port: number }).port;
  });

  afterAll(() => app.close());

  it('answers an over-long path parameter 414 with a detail', async () => {
    const answer = await fetch(`http://127.0.0.1:${port}/items/${'x'.repeat(500)}`);
    expect(answer.status).toBe(414);
    expect(await answer.json()).toEqual({ detail: 'The request URL is too long.' });
  });

  it('answers headers over the limit 431 with a detail', async () => {
    const answer = await raw(
      port,
      `GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: ${'y'.repeat(20_000)}\r\n\r\n`,
    );
    expect(answer.startsWith('HTTP/1.1 431 ')).toBe(true);
    expect(bodyOf(answer)).toEqual({ detail: 'The request headers are too large.' });
  });

  it('answers a malformed request line 400 with a detail', async () => {
    const answer = await raw(port, 'GET /items/1 HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n');
    expect(answer.startsWith('HTTP/1.1 400 ')).toBe(true);
    expect(bodyOf(answer)).toEqual({ detail: 'The request is malformed.' });
  });
});
