import { request } from 'node:http';
import { createConnection } from 'node:net';
import { networkInterfaces } from 'node:os';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http, type JsonResponse } from './http';
import { createPlatformProject, type PlatformProject } from './support/platform-project';

type Json = Record<string, any>;

const adminKey = 'failure-isolation-admin-key';
const MB = 1024 * 1024;
// Over half of NATS's 8 MB max payload: the gateway must lower it to 4 MB and say so.
const configuredBodyLimit = 6 * MB;

jest.setTimeout(180_000);

describe('Failure isolation: one tenant cannot break or starve another', () => {
  let mnemo: MnemoStack;
  let a: PlatformProject;
  let b: PlatformProject;
  const as = (project: PlatformProject) => ({ 'x-api-key': project.api_key });
  const searchUser = (project: PlatformProject, user: string) =>
    http<Json>(
      mnemo.baseUrl,
      'POST',
      '/search',
      { query: 'which dish do I like', filters: { user_id: user } },
      as(project),
    );
  const listUser = (project: PlatformProject, user: string) =>
    http<Json>(mnemo.baseUrl, 'GET', `/memories?user_id=${user}`, undefined, as(project));
  const gatewayLog = (text: string) =>
    mnemo
      .service('gateway')
      .logs()
      .map((line) => JSON.parse(line) as Json)
      .find((line) => String(line.msg).includes(text));

  beforeAll(async () => {
    mnemo = await startMnemo({
      env: {
        MNEMO_ADMIN_API_KEY: adminKey,
        MNEMO_BODY_LIMIT_BYTES: String(configuredBodyLimit),
        // One search of a project at a time and four waiting: a burst is shed, not queued for ever.
        MNEMO_READ_CONCURRENCY_PER_PROJECT: '1',
        MNEMO_READ_QUEUE_PER_PROJECT: '4',
        // At the gateway too: two in flight and eight waiting, the rest refused before being embedded.
        MNEMO_SEARCH_CONCURRENCY_PER_PROJECT: '2',
        MNEMO_SEARCH_QUEUE_PER_PROJECT: '8',
      },
    });
    a = await createPlatformProject(mnemo.baseUrl, adminKey, 'noisy-a', 'org-iso');
    b = await createPlatformProject(mnemo.baseUrl, adminKey, 'quiet-b', 'org-iso');
    await seed(a, 'a-user', 600);
    await seed(b, 'b-user', 10);
  });

  afterAll(async () => {
    await mnemo?.stop();
  });

  async function seed(project: PlatformProject, user: string, memories: number): Promise<void> {
    for (let first = 0; first < memories; first += 100) {
      const adds = Array.from({ length: 10 }, (_, batch) => {
        const messages = Array.from({ length: 10 }, (_, i) => ({
          role: 'user',
          content: `I like dish number ${first + batch * 10 + i} with rice`,
        }));
        return http(
          mnemo.baseUrl,
          'POST',
          '/memories',
          { messages, user_id: user, infer: false },
          as(project),
        );
      });
      for (const added of await Promise.all(adds)) expect(added.status).toBe(200);
    }
  }

  function expectB200(answers: JsonResponse<Json>[]): void {
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));
  }

  it('lowers a body limit the bus cannot carry and says so at start', () => {
    expect(gatewayLog('MNEMO_BODY_LIMIT_BYTES does not fit')).toMatchObject({
      configured: configuredBodyLimit,
      bodyLimit: 4 * MB,
      natsMaxPayload: 8 * MB,
    });
  });

  it('answers 413 {"detail"} to a body over the limit, within 2 s, and B keeps working', async () => {
    const started = Date.now();
    const answer = await announceBody(`${mnemo.baseUrl}/search`, 5 * MB, as(a));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer.status).toBe(413);
    expect(answer.body).toEqual({ detail: expect.any(String) });
    expectB200([await listUser(b, 'b-user'), await searchUser(b, 'b-user')]);
  });

  it('never answers 5xx to filters over the old 1 MB bus limit, and never opens the breaker', async () => {
    // ~1.1 MB and ~3 MB: both under the gateway's limit, both over NATS's default 1 MB payload.
    for (const size of [1.1 * MB, 1.1 * MB, 1.1 * MB, 3 * MB, 3 * MB]) {
      const filters = { user_id: 'a-user', topic: 'y'.repeat(Math.round(size)) };
      const answers = [
        await http<Json>(mnemo.baseUrl, 'POST', '/search', { query: 'rice', filters }, as(a)),
        await http<Json>(
          mnemo.baseUrl,
          'POST',
          '/v3/memories/',
          { filters },
          {
            authorization: `Token ${a.api_key}`,
          },
        ),
      ];
      for (const answer of answers) {
        expect(answer.status).toBeLessThan(500);
        if (answer.status >= 400) expect(answer.body).toEqual({ detail: expect.anything() });
      }
    }
    expectB200([await listUser(b, 'b-user'), await searchUser(b, 'b-user')]);
    expect(await targetBreakerOpenings()).toEqual([]);
  });

  it('sheds A\'s burst of searches with 429 {"detail"} while B\'s searches and lists answer 200', async () => {
    const burst = Promise.all(Array.from({ length: 40 }, () => searchUser(a, 'a-user')));
    const quiet: JsonResponse<Json>[] = [];
    for (let i = 0; i < 5; i++) {
      quiet.push(await searchUser(b, 'b-user'), await listUser(b, 'b-user'));
    }
    const noisy = await burst;
    expectB200(quiet);
    expect(quiet[0].body.results.length).toBeGreaterThan(0);
    const statuses = new Set(noisy.map((answer) => answer.status));
    expect([...statuses].sort()).toEqual([200, 429]);
    const shed = noisy.find((answer) => answer.status === 429)!;
    expect(shed.body).toEqual({ detail: 'Too many concurrent requests for this project.' });
    expectB200([await searchUser(b, 'b-user'), await searchUser(a, 'a-user')]);
    expect(await targetBreakerOpenings()).toEqual([]);
  });

  it('serves the gateway /metrics only with the admin key once one is configured', async () => {
    const anonymous = await http<Json>(mnemo.baseUrl, 'GET', '/metrics');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body).toEqual({ detail: expect.any(String) });
    const project = await http<Json>(mnemo.baseUrl, 'GET', '/metrics', undefined, as(a));
    expect(project.status).toBe(403);
    const admin = await metrics();
    expect(admin).toContain('mnemo_bus_request_seconds');
  });

  it('listens on loopback only: the gateway and every metrics port', async () => {
    const listening = gatewayLog('gateway listening');
    const url = new URL(String(listening?.url));
    expect(url.hostname).toBe('127.0.0.1');
    for (const name of ['gateway', 'vector-store', 'extractor'] as const) {
      const ready = mnemo
        .service(name)
        .logs()
        .map((line) => JSON.parse(line) as Json)
        .find((line) => line.event === 'service.ready');
      expect(ready?.metricsHost).toBe('127.0.0.1');
    }
    for (const address of outsideAddresses()) {
      await expect(connects(address, Number(url.port))).resolves.toBe(false);
    }
  });

  async function metrics(): Promise<string> {
    const answer = await http<string>(mnemo.baseUrl, 'GET', '/metrics', undefined, {
      'x-api-key': adminKey,
    });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  /** Lines saying a target-wide breaker opened: what used to cut every project off. */
  async function targetBreakerOpenings(): Promise<string[]> {
    return (await metrics())
      .split('\n')
      .filter((line) => line.startsWith('mnemo_breaker_transitions_total'))
      .filter((line) => line.includes('scope="target"') && line.includes('state="open"'));
  }
});

/** This machine's non-loopback IPv4 addresses (none on a machine with loopback only). */
function outsideAddresses(): string[] {
  return Object.values(networkInterfaces())
    .flat()
    .filter((info) => info && info.family === 'IPv4' && !info.internal)
    .map((info) => info!.address);
}

function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    socket.setTimeout(2000, () => (socket.destroy(), resolve(false)));
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

/**
 * Announces a body of `bytes` and waits for the answer before sending it: the gateway refuses on
 * Content-Length alone, and closes the connection, so a client still writing could miss the 413.
 */
function announceBody(
  url: string,
  bytes: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json', 'content-length': bytes },
    });
    req.once('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('end', () => {
        req.destroy();
        resolve({
          status: res.statusCode ?? 0,
          body: JSON.parse(Buffer.concat(chunks).toString()),
        });
      });
    });
    req.once('error', reject);
    req.flushHeaders();
  });
}
