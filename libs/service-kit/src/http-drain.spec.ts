import { createServer, request as httpRequest, type Agent, type Server } from 'node:http';
import { Agent as KeepAliveAgent } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { drainHttpServer } from './http-drain';

interface Answer {
  status: number;
  body: string;
  connection: string | undefined;
}

/**
 * A server whose `/slow` answers after `ms`, on a kept-alive connection unless told otherwise;
 * `finished` holds when each answer was written out (server side).
 */
async function slowServer(
  ms: number,
): Promise<{ server: Server; port: number; finished: number[] }> {
  const finished: number[] = [];
  const server = createServer((_request, response) => {
    response.on('finish', () => finished.push(performance.now()));
    setTimeout(() => response.end('done'), ms);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port, finished };
}

function get(port: number, agent: Agent): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: '127.0.0.1', port, path: '/slow', agent }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body,
          connection: response.headers.connection,
        }),
      );
    });
    request.on('error', reject);
    request.end();
  });
}

describe(drainHttpServer.name, () => {
  const agents: KeepAliveAgent[] = [];
  const keepAlive = () => {
    const agent = new KeepAliveAgent({ keepAlive: true });
    agents.push(agent);
    return agent;
  };

  afterEach(() => {
    for (const agent of agents.splice(0)) agent.destroy();
  });

  it('answers the request in flight, then closes its kept-alive connection without waiting out the keep-alive', async () => {
    const { server, port, finished } = await slowServer(300);
    const agent = keepAlive();
    const answer = get(port, agent);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = performance.now();
    let drainedAt: number | undefined;
    const drained = drainHttpServer(server).then(() => (drainedAt = performance.now()));
    const answered = await answer;
    await drained;
    expect(answered).toMatchObject({ status: 200, body: 'done' });
    // Server side: the drain ends after the answer was written out (the client in this same
    // process may read it later than that on a busy machine, so its clock is not the measure).
    expect(finished).toHaveLength(1);
    expect(drainedAt).toBeGreaterThanOrEqual(finished[0]);
    expect(drainedAt! - started).toBeLessThan(2_000);
  });

  it('refuses new connections while it drains', async () => {
    const { server, port } = await slowServer(300);
    const answer = get(port, keepAlive());
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drained = drainHttpServer(server);
    await expect(get(port, keepAlive())).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await answer;
    await drained;
  });

  it('tells a request that comes on a busy kept-alive connection meanwhile to close it', async () => {
    const { server, port } = await slowServer(200);
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
    const ended = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    const get = 'GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    socket.write(get);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const drained = drainHttpServer(server);
    // The connection is busy, so it stays open: the second request is read once the first is answered.
    socket.write(get);
    await drained;
    await ended;
    const answers = received.split('HTTP/1.1 ').slice(1);
    expect(answers.map((answer) => answer.slice(0, 3))).toEqual(['200', '200']);
    expect(answers[0]).toMatch(/^connection: keep-alive$/im);
    expect(answers[1]).toMatch(/^connection: close$/im);
  });

  it('resolves at once for a server that is not listening', async () => {
    await expect(drainHttpServer(createServer())).resolves.toBeUndefined();
  });
});
