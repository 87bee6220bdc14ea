import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findServers, freePort, startNats, type ServerHandle } from '@mnemo/devstack';
import { eventually, startMnemo, type MnemoStack } from '@mnemo/testing';
import { http, type JsonResponse } from './http';

type Json = Record<string, any>;

jest.setTimeout(240_000);

const conversation = (text: string) => ({ messages: [{ role: 'user', content: text }] });

/** Asserts a fast 503 that tells the caller when to come back; returns it with its latency. */
async function fastUnavailable(call: () => Promise<JsonResponse<Json>>) {
  const started = performance.now();
  const response = await call();
  const ms = Math.round(performance.now() - started);
  expect({ status: response.status, retryAfter: response.headers.get('retry-after') }).toEqual({
    status: 503,
    retryAfter: '1',
  });
  // A generous bound: the point is not the 60 s (add) or 5 s (bus) timeout.
  expect(ms).toBeLessThan(2000);
  return { response, ms };
}

/** A nats-server this suite can stop and start again on the same port and data. */
async function controllableNats() {
  const natsServer = (await findServers({ pathEnv: process.env.PATH ?? '' })).found.natsServer;
  if (!natsServer) throw new Error('nats-server is missing: run `npm test`');
  const dataDir = await mkdtemp(join(tmpdir(), 'fail-fast-nats-'));
  const port = await freePort();
  const start = () => startNats({ dataDir, port, binaries: { natsServer } });
  let server: ServerHandle = await start();
  return {
    url: server.url,
    stop: () => server.stop(),
    restart: async () => {
      server = await start();
    },
    remove: async () => {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

describe('Failing fast when a pipeline service or NATS is down', () => {
  let mnemo: MnemoStack;
  let nats: Awaited<ReturnType<typeof controllableNats>>;
  const add = (body: Json) => http<Json>(mnemo.baseUrl, 'POST', '/memories', body);
  const search = (user: string) =>
    http<Json>(mnemo.baseUrl, 'POST', '/search', { query: 'food', filters: { user_id: user } });

  beforeAll(async () => {
    nats = await controllableNats();
    // startMnemo takes the shared NATS from MNEMO_NATS_URL: point it at the one we control.
    const shared = process.env.MNEMO_NATS_URL;
    process.env.MNEMO_NATS_URL = nats.url;
    try {
      mnemo = await startMnemo({ ownNats: false });
    } finally {
      if (shared === undefined) delete process.env.MNEMO_NATS_URL;
      else process.env.MNEMO_NATS_URL = shared;
    }
    expect((await add({ ...conversation('I love ramen'), user_id: 'warm' })).status).toBe(200);
  });

  afterAll(async () => {
    await mnemo?.stop();
    await nats?.remove();
  });

  it('answers a synchronous add with 503 at once while no extractor runs, and applies it later', async () => {
    await mnemo.kill('extractor');
    const { response, ms } = await fastUnavailable(() =>
      add({ ...conversation('I love spicy Sichuan food'), user_id: 'patient' }),
    );
    const eventId = /queued as event ([0-9a-f-]{36})/.exec(String(response.body.detail))?.[1];
    expect(response.body).toMatchObject({
      detail: expect.stringMatching(/^No extractor is running, so this add cannot finish now\./),
      code: 'unavailable',
    });
    expect(eventId).toBeDefined();
    process.stdout.write(`sync add with the extractor down: 503 in ${ms} ms\n`);

    await mnemo.restart('extractor');
    const listed = await eventually(
      async () => {
        const memories = await http<Json>(mnemo.baseUrl, 'GET', '/memories?user_id=patient');
        expect(memories.body.results.length).toBeGreaterThan(0);
        return memories.body.results as Json[];
      },
      { timeoutMs: 60_000, intervalMs: 500 },
    );
    expect(listed.map((memory) => memory.memory).join(' ')).toMatch(/Sichuan/i);
  });

  it('stays ready while another service is down: readiness covers only its own NATS and database', async () => {
    await mnemo.kill('embedder');
    try {
      const health = await http<Json>(mnemo.baseUrl, 'GET', '/health');
      expect({ status: health.status, embedder: health.body.services.embedder }).toEqual({
        status: 503,
        embedder: 'down',
      });
      expect(await http<Json>(mnemo.baseUrl, 'GET', '/ready')).toMatchObject({
        status: 200,
        body: { status: 'ready', nats: 'ok', database: 'ok' },
      });
    } finally {
      await mnemo.restart('embedder');
    }
  });

  it('answers 503 at once while NATS is down, and recovers by itself when it is back', async () => {
    expect((await search('warm')).status).toBe(200);
    await nats.stop();
    const unready = await fastUnavailable(() => http<Json>(mnemo.baseUrl, 'GET', '/ready'));
    expect(unready.response.body).toEqual({ status: 'unavailable', nats: 'down', database: 'ok' });
    const { ms } = await fastUnavailable(() => search('warm'));
    await fastUnavailable(() => add({ ...conversation('I also like tea'), user_id: 'warm' }));
    process.stdout.write(`search with NATS down: 503 in ${ms} ms\n`);

    await nats.restart();
    await eventually(async () => expect((await search('warm')).status).toBe(200), {
      timeoutMs: 30_000,
      intervalMs: 250,
    });
    expect((await add({ ...conversation('I drink green tea'), user_id: 'warm' })).status).toBe(200);
  });
});

/** A GET from a chosen loopback source address, so the gateway sees a peer we pick. */
function getFrom(baseUrl: string, localAddress: string, forwardedFor: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${baseUrl}/v1/memories/`,
      { localAddress, headers: { 'x-forwarded-for': forwardedFor } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('MNEMO_TRUST_PROXY', () => {
  let gateway: MnemoStack;

  beforeAll(async () => {
    gateway = await startMnemo({
      services: ['gateway'],
      env: { MNEMO_TRUST_PROXY: '127.0.0.1/32', MNEMO_RATE_LIMIT_IP_PER_MINUTE: '2' },
    });
  });

  afterAll(async () => {
    await gateway?.stop();
  });

  it('limits by the forwarded client address when the request comes from a trusted proxy', async () => {
    const fromProxy = (client: string) => getFrom(gateway.baseUrl, '127.0.0.1', client);
    expect(await fromProxy('203.0.113.1')).not.toBe(429);
    expect(await fromProxy('203.0.113.1')).not.toBe(429);
    expect(await fromProxy('203.0.113.1')).toBe(429);
    expect(await fromProxy('203.0.113.2')).not.toBe(429);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    const fromStranger = (client: string) => getFrom(gateway.baseUrl, '127.0.0.2', client);
    expect(await fromStranger('198.51.100.1')).not.toBe(429);
    expect(await fromStranger('198.51.100.2')).not.toBe(429);
    expect(await fromStranger('198.51.100.3')).toBe(429);
  });
});
