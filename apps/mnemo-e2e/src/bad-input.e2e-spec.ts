import { connect } from 'node:net';
import { freePort } from '@mnemo/devstack';
import type { MnemoStack } from '@mnemo/testing';
import { eventually } from '@mnemo/testing';
import { casesFor, type BadCase } from './support/bad-inputs';
import { findingCases } from './support/bad-input-findings';
import { gatewayRoutes, type GatewayRoute } from './support/gateway-routes';
import { seedTenant, type IsolationTenant } from './support/isolation-tenant';
import {
  createPlatformProject,
  tokenCaller,
  type PlatformProject,
} from './support/platform-project';
import { requestFor } from './support/route-requests';
import { startSeededStack, stopSeededStack } from './support/seeded-stack';

const adminKey = 'bad-input-admin-key';
/** Bad input is refused fast; a legal-but-odd value may do real work (a sync add), so more time. */
const refusalMs = 2_000;
const workMs = 15_000;
const batchSize = 12;

/** Routes the corpus leaves alone: no input, or a body-less call would delete the project itself. */
const skipped = new Set([
  'GET /health',
  'GET /metrics',
  'DELETE /api/v1/orgs/organizations/:orgId/projects/:projectId',
]);

interface Outcome {
  name: string;
  status: number;
  body: unknown;
  ms: number;
  expect: BadCase['expect'];
  statuses?: number[];
}

jest.setTimeout(300_000);

describe('bad input: every route answers a 4xx with {"detail"} or works, never a 5xx or a hang', () => {
  let mnemo: MnemoStack;
  let tenant: IsolationTenant;
  let bystander: PlatformProject;
  const call = tokenCaller(() => mnemo.baseUrl);

  /** One case; no answer within `workMs` is an outcome too (status 0), not a crash of the run. */
  async function send(one: BadCase): Promise<Outcome> {
    const started = performance.now();
    try {
      return await attempt(one, started);
    } catch (error) {
      const ms = performance.now() - started;
      return { name: one.name, status: 0, body: String(error), ms, ...pick(one) };
    }
  }

  async function attempt(one: BadCase, started: number): Promise<Outcome> {
    const { method, path, body } = one.request;
    const response = await fetch(`${mnemo.baseUrl}${path}`, {
      method,
      headers: {
        'x-api-key': tenant.key,
        ...(one.rawBody !== undefined || body !== undefined
          ? { 'content-type': 'application/json' }
          : {}),
        ...one.headers,
      },
      body: one.rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
      signal: AbortSignal.timeout(workMs),
    });
    const text = await response.text();
    const ms = performance.now() - started;
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // kept as text: the assertion names it
    }
    return { name: one.name, status: response.status, body: parsed, ms, ...pick(one) };
  }

  /** Runs the cases a few at a time, so the run stays short without flooding one project. */
  async function runAll(cases: BadCase[]): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (let i = 0; i < cases.length; i += batchSize) {
      outcomes.push(...(await Promise.all(cases.slice(i, i + batchSize).map(send))));
    }
    return outcomes;
  }

  beforeAll(async () => {
    mnemo = await startSeededStack(adminKey);
    const project = await createPlatformProject(mnemo.baseUrl, adminKey, 'bad-input', 'org-b');
    tenant = await seedTenant(call, project, 'b', `http://127.0.0.1:${await freePort()}/hook`);
    bystander = await createPlatformProject(mnemo.baseUrl, adminKey, 'bystander', 'org-c');
  }, 180_000);

  afterAll(() => stopSeededStack(mnemo));

  it('answers the generated corpus and the issue-9 findings as each case requires', async () => {
    const routes = gatewayRoutes().filter((route) => !skipped.has(named(route)));
    const generated = routes.flatMap((route) => casesFor(route, probe(route)));
    // Deletes last: they may remove what the other cases' paths name.
    const ordered = [
      ...findingCases(tenant),
      ...generated.filter((one) => one.request.method !== 'DELETE'),
      ...generated.filter((one) => one.request.method === 'DELETE'),
    ];
    expect(ordered.length).toBeGreaterThan(1500);
    const outcomes = await runAll(ordered);
    const wrong = outcomes.filter((outcome) => !acceptable(outcome)).map(summary);
    expect(wrong).toEqual([]);
  });

  it('pages lists of the largest rows over several bus replies, counts and links intact', async () => {
    const long = (tag: string, i: number) => `${tag} ${i} ${'long memory text '.repeat(1170)}`;
    const batch = (tag: string, from: number) =>
      Array.from({ length: 5 }, (_, i) => ({ role: 'user', content: long(tag, from + i) }));
    for (const from of [0, 5, 10, 15]) {
      const added = await call(bystander.api_key, 'POST', '/v1/memories/', {
        user_id: 'big-rows',
        messages: batch('memory', from),
        infer: false,
      });
      expect(added.status).toBe(200);
      const queued = await call(bystander.api_key, 'POST', '/v1/memories/', {
        user_id: 'big-events',
        messages: batch('event', from),
        async_mode: true,
      });
      expect(queued.status).toBe(200);
    }
    const listed = await call(bystander.api_key, 'GET', '/v1/memories/?user_id=big-rows');
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(20);
    expect(JSON.stringify(listed.body).length).toBeGreaterThan(400_000);
    // Every Platform add is an event carrying its ~100 KB of messages: eight of them.
    const events = await call(bystander.api_key, 'GET', '/v1/events/?page=1&page_size=100000');
    expect(events.status).toBe(200);
    expect(events.body).toMatchObject({ count: 8, next: null, previous: null });
    expect(events.body.results).toHaveLength(8);
    const second = await call(bystander.api_key, 'GET', '/v1/events/?page=2&page_size=3');
    expect(second.body).toMatchObject({ count: 8 });
    expect(second.body.results).toHaveLength(3);
    expect(second.body.next).toContain('page=3');
    expect(second.body.previous).toContain('page=1');
  });

  it('answers headers over the limit with 431', async () => {
    const answer = await rawRequest(
      `GET /v1/ping/ HTTP/1.1\r\nHost: x\r\nX-Big: ${'h'.repeat(40_000)}\r\n\r\n`,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 431 /);
  });

  it('stays healthy: every service answers and another project adds and finds a memory', async () => {
    expect((await call(adminKey, 'GET', '/health')).body).toMatchObject({ status: 'ok' });
    const added = await call(bystander.api_key, 'POST', '/v3/memories/add/', {
      user_id: 'bystander-user',
      messages: [{ role: 'user', content: 'The bystander keeps bees on the roof' }],
      infer: false,
    });
    expect(added.status).toBe(200);
    await eventually(async () => {
      const found = await call(bystander.api_key, 'POST', '/v3/memories/search/', {
        query: 'bees on the roof',
        filters: { user_id: 'bystander-user' },
      });
      expect(found.status).toBe(200);
      expect(found.body.results[0]?.memory).toBe('The bystander keeps bees on the roof');
    });
  });

  function probe(route: GatewayRoute) {
    return requestFor(route, { tenant, keyId: '00000000-0000-4000-8000-000000000000' });
  }

  function rawRequest(request: string): Promise<string> {
    const { port } = new URL(mnemo.baseUrl);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => socket.write(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('close', () => resolve(answer));
      // A server that refuses a request it has not read to the end may reset the connection after
      // its answer: what arrived before the reset is the answer.
      socket.on('error', (err) => (answer ? resolve(answer) : reject(err)));
    });
  }
});

function named(route: GatewayRoute): string {
  return `${route.method} ${route.path}`;
}

function pick(one: BadCase): Pick<Outcome, 'expect' | 'statuses'> {
  return { expect: one.expect, statuses: one.statuses };
}

function hasDetail(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'detail' in body;
}

function acceptable(outcome: Outcome): boolean {
  if (outcome.status < 100 || outcome.status >= 500) return false;
  if (outcome.statuses && !outcome.statuses.includes(outcome.status)) return false;
  if (outcome.status >= 400 && !hasDetail(outcome.body)) return false;
  if (outcome.expect === 'survived') return true;
  return outcome.status >= 400 && outcome.ms <= refusalMs;
}

function summary(outcome: Outcome): string {
  const body = JSON.stringify(outcome.body)?.slice(0, 200);
  return `${outcome.name} -> ${outcome.status} in ${Math.round(outcome.ms)} ms (${outcome.expect}): ${body}`;
}
