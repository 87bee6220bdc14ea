import { createConnection, type Connection } from 'mysql2/promise';
import { freePort } from '@mnemo/devstack';
import { eventually, type MnemoStack } from '@mnemo/testing';
import type { JsonResponse } from './http';
import {
  denied,
  empty,
  forbidden,
  matrixTable,
  noneChanged,
  notFound,
  ownOnly,
  probe,
  runProbe,
  type ProbeContext,
  type ProbeOutcome,
} from './support/isolation-probes';
import { exportSchema, seedTenant, type IsolationTenant } from './support/isolation-tenant';
import { createPlatformProject, tokenCaller } from './support/platform-project';
import { startSeededStack, stopSeededStack } from './support/seeded-stack';
import { changedTables, tenantDigest, type TenantDigest } from './support/tenant-digest';

type Json = Record<string, any>;

const viewKey = (method: string, path: string, body?: unknown) =>
  body === undefined ? `${method} ${path}` : `${method} ${path} ${JSON.stringify(body)}`;

const adminKey = 'isolation-matrix-admin-key';
const hook = 'http://127.0.0.1:9/hook';
const projectPath = '/api/v1/orgs/organizations/{org}/projects/{project}/';
const members = `${projectPath}members/`;
const elsewhere = { org_id: '{org}', project_id: '{project}' };
/** Distinct texts: a repeated one would be dropped as a duplicate, with no id to look up. */
const intruderAdd = (content: string) => ({
  messages: [{ role: 'user', content }],
  user_id: 'intruder',
  infer: false,
  ...elsewhere,
});

/** An add that names B's org and project in its body still lands in A. */
const landsInOwn = ownOnly('lands in A', async (answer, { a, call }) => {
  const results = (Array.isArray(answer.body) ? answer.body : answer.body.results) as Json[];
  const found = await call(a.key, 'GET', `/v1/memories/${results[0]?.id}/`);
  return found.status === 200 ? undefined : `the added memory is not in A (${found.status})`;
});

/** An export over B's user is built from A's rows only: it holds no fact. */
const exportsOwn = ownOnly('built from A', async (answer, { a, call }) => {
  const built = await eventually(async () => {
    const got = await call(a.key, 'POST', '/v1/exports/get/', { memory_export_id: answer.body.id });
    if (got.status !== 200 || got.body.status === 'PENDING') throw new Error('export pending');
    return got.body as Json;
  });
  return JSON.stringify(built) === JSON.stringify({ facts: [] })
    ? undefined
    : `export holds ${JSON.stringify(built)}`;
});

// Read in order: rows that would wipe what later rows read on A's own ids come last.
const matrix = [
  probe(
    '29',
    'GET /v1/ping/',
    ownOnly('A identity', ({ body }, { a }) =>
      body.project_id === a.project && body.org_id === a.org
        ? undefined
        : 'answered another project',
    ),
  ),
  probe('30', 'POST /v3/memories/add/', landsInOwn, intruderAdd('Added through v3')),
  probe('31', 'POST /v3/memories/', empty(), { filters: { user_id: '{user}' }, ...elsewhere }),
  probe('31', 'POST /v3/memories/?page=1&page_size=1', empty(), {
    filters: { OR: [{ user_id: '{user}' }, { agent_id: '{agent}' }, { run_id: '{run}' }] },
  }),
  probe('31', 'POST /v3/memories/', ownOnly('A rows'), { filters: { user_id: 'shared-user' } }),
  probe('31', 'POST /v3/memories/', ownOnly('A rows'), { filters: { user_id: '*' } }),
  probe('31', 'POST /v3/memories/', empty(), {
    filters: { AND: [{ user_id: '*' }, { memory_ids: ['{memory}', '{memory2}'] }] },
  }),
  probe('32', 'POST /v3/memories/search/', empty(), {
    query: 'durian',
    filters: { user_id: '{user}' },
    threshold: 0,
  }),
  probe('32', 'POST /v3/memories/search/', ownOnly('A rows'), {
    query: 'shared user fact',
    filters: { user_id: 'shared-user' },
    threshold: 0,
  }),
  probe('32', 'POST /v3/memories/search/', empty(), {
    query: 'durian',
    filters: { AND: [{ user_id: '*' }, { memory_ids: ['{memory}'] }] },
    threshold: 0,
  }),
  probe('33', 'POST /v1/memories/', landsInOwn, intruderAdd('Added through v1')),
  probe('34', 'GET /v1/memories/?user_id={user}&org_id={org}&project_id={project}', empty()),
  probe('34', 'GET /v1/memories/?user_id=*', ownOnly('A rows')),
  probe('35', 'POST /v2/memories/', empty(), { filters: { user_id: '{user}' }, ...elsewhere }),
  probe('36', 'POST /v1/memories/search/', empty(), {
    query: 'durian',
    user_id: '{user}',
    ...elsewhere,
  }),
  probe('37', 'POST /v2/memories/search/', empty(), {
    query: 'durian',
    filters: { user_id: '{user}' },
    threshold: 0,
  }),
  probe('38', 'GET /v1/memories/{memory}/', notFound),
  probe('39', 'PUT /v1/memories/{memory}/', notFound, {
    text: 'Overwritten',
    metadata: { by: 'A' },
  }),
  probe('40', 'DELETE /v1/memories/{doomed}/?delete_linked=true', notFound),
  probe('41', 'DELETE /v1/memories/?user_id={doomedUser}', ownOnly('A rows')),
  probe('42', 'GET /v1/memories/{memory}/history/', notFound),
  probe(
    '43',
    'GET /v1/entities/',
    ownOnly('A entities', ({ body }, { b }) => {
      const names = (body.results as Json[]).map((entity) => String(entity.name));
      const theirs = names.filter((name) => name.startsWith(`${b.tag}-`));
      return theirs.length > 0 ? `lists B's ${theirs.join(', ')}` : undefined;
    }),
  ),
  probe('44', 'DELETE /v2/entities/agent/{agent}/', ownOnly('A rows')),
  probe('45', 'DELETE /v1/entities/run/{run}/', ownOnly('A rows')),
  probe('46', 'PUT /v1/batch/', noneChanged('updated'), {
    memories: [
      { memory_id: '{memory}', text: 'Overwritten' },
      { memory_id: '{memory2}', metadata: { by: 'A' } },
    ],
  }),
  probe('49', 'POST /v1/exports/get/', notFound, { memory_export_id: '{export}' }),
  probe('49', 'POST /v1/exports/get/', notFound, { filters: { AND: [{ user_id: '{user}' }] } }),
  probe('49', 'POST /v1/exports/get/', ownOnly('A export'), {}),
  probe('48', 'POST /v1/exports/', exportsOwn, {
    schema: exportSchema,
    filters: { AND: [{ user_id: '{user}' }] },
    ...elsewhere,
  }),
  probe(
    '50',
    'POST /v1/summary/',
    empty((body) => body),
    { filters: { user_id: '{user}' } },
  ),
  probe('50', 'POST /v1/summary/', ownOnly('A rows'), {}),
  probe('51', 'POST /v1/feedback/', notFound, { memory_id: '{memory}', feedback: 'NEGATIVE' }),
  probe('52', `GET ${projectPath}`, notFound),
  probe('52', 'GET /api/v1/orgs/organizations/{ownOrg}/projects/{project}/', notFound),
  probe('52', 'GET /api/v1/orgs/organizations/{org}/projects/{ownProject}/', notFound),
  probe('53', `PATCH ${projectPath}`, notFound, { custom_instructions: 'Set by A', ...elsewhere }),
  probe('55', 'POST /api/v1/orgs/organizations/{org}/projects/', notFound, { name: 'by-a' }),
  probe('56', `GET ${members}`, notFound),
  probe('57', `POST ${members}`, notFound, { email: 'intruder@example.com', role: 'OWNER' }),
  probe('58', `PUT ${members}`, notFound, { email: '{email}', role: 'OWNER' }),
  probe('59', `DELETE ${members}?email={email}`, notFound),
  probe('60', 'GET /api/v1/webhooks/projects/{project}/', forbidden),
  probe('60', 'GET /api/v1/webhooks/projects/{ownProject}/', ownOnly('A hooks')),
  probe('61', 'POST /api/v1/webhooks/projects/{project}/', forbidden, {
    name: 'intruder',
    url: hook,
    event_types: ['memory_add'],
    is_active: false,
  }),
  probe('62', 'PUT /api/v1/webhooks/{webhook}/', notFound, { name: 'stolen', url: hook }),
  probe('63', 'DELETE /api/v1/webhooks/{webhook}/', notFound),
  probe(
    '64',
    'GET /v2/entities/user/{user}/profile/',
    ownOnly('no profile', ({ body }) =>
      body.status === 'insufficient_data' && JSON.stringify(body.profile) === '{}'
        ? undefined
        : `answered a ${body.status} profile`,
    ),
  ),
  probe(
    '65',
    'POST /v2/profiles/jobs/',
    ownOnly('new A job', ({ body }, { b }) =>
      body.job_id !== b.job && body.replayed === false ? undefined : "replayed B's job",
    ),
    { operation: 'trigger', entity_type: 'user', entity_id: '{user}' },
    { headers: { 'idempotency-key': '{jobKey}' } },
  ),
  probe(
    '65',
    'POST /v2/profiles/jobs/',
    ownOnly('A users', ({ body }, { b }) => {
      const theirs = (body.entity_ids as string[]).filter((id) => id.startsWith(`${b.tag}-`));
      return theirs.length > 0 ? `sampled B's ${theirs.join(', ')}` : undefined;
    }),
    { operation: 'sample', entity_type: 'user', limit: 50 },
  ),
  probe('66', 'GET /v2/profiles/jobs/{job}/', notFound),
  probe('67', 'GET /v2/profiles/settings/', ownOnly('A settings')),
  probe('68', 'POST /v2/profiles/settings/', ownOnly('A settings'), {
    entities: { user: { custom_instructions: 'Set by A' } },
  }),
  probe('69', 'GET /v1/event/{event}/', notFound),
  probe('70', 'GET /v1/events/', ownOnly('A events')),
  probe('70', 'GET /v1/events/?status=SUCCEEDED&page_size=200', ownOnly('A events')),
  probe('x', 'GET /v1/structured/profiles/{user}/', notFound),
  probe('x', 'PATCH /v1/structured/profiles/{user}/', notFound, { city: 'Elsewhere' }),
  probe(
    'x',
    'POST /v1/context/',
    ownOnly('A context', ({ body }) =>
      body.memories.length === 0 && body.profile === null && body.recent_messages.length === 0
        ? undefined
        : 'answered a context',
    ),
    { user_id: '{user}', query: 'durian' },
  ),
  probe(
    'x',
    'GET /v1/structured/sessions/{session}/messages/',
    empty((body) => body.messages),
  ),
  probe('x', 'POST /v1/structured/sessions/{session}/messages/', ownOnly('A rows'), {
    messages: [{ role: 'user', content: 'Written by the intruder' }],
  }),
  probe(
    'x',
    'POST /v1/structured/credentials/',
    ownOnly('A schema', ({ body }, { b }) =>
      body.database !== b.space ? undefined : "handed out B's schema",
    ),
  ),
  probe('x', 'DELETE /v1/structured/profiles/{user}/', notFound),
  probe('x', 'PUT /v1/structured/profiles/{user}/', ownOnly('A rows'), { nickname: 'Intruder' }),
  probe('47', 'DELETE /v1/batch/', noneChanged('deleted'), {
    memories: [{ memory_id: '{memory}' }, { memory_id: '{memory2}' }],
  }),
  probe('44', 'DELETE /v2/entities/user/{user}/', ownOnly('A rows')),
  probe('45', 'DELETE /v1/entities/user/{user}/', ownOnly('A rows')),
  probe('41', 'DELETE /v1/memories/?user_id=*', ownOnly('A rows')),
  probe('54', `DELETE ${projectPath}`, denied(404), undefined, { control: false }),
];

jest.setTimeout(20_000);

describe("isolation matrix: project A's key against project B's data", () => {
  let mnemo: MnemoStack;
  let sql: Connection;
  let a: IsolationTenant;
  let b: IsolationTenant;
  let baseline: TenantDigest;
  let before: Json;
  const outcomes: ProbeOutcome[] = [];
  const call = tokenCaller(() => mnemo.baseUrl);
  const context = (): ProbeContext => ({ a, b, call });
  const digestOfB = () =>
    tenantDigest(sql, mnemo.database, { orgId: b.org, projectId: b.project, space: b.space });

  /** B's rows compared with the last digest; a change is reported once, for the row causing it. */
  const unchanged = async (): Promise<string | undefined> => {
    const now = await digestOfB();
    const changed = changedTables(baseline, now);
    baseline = now;
    return changed.length > 0 ? `changed B's rows in ${changed.join(', ')}` : undefined;
  };

  /** What B reads through its own key. */
  const viewOfB = async (): Promise<Json> => {
    const reads: [string, string, unknown?][] = [
      ['POST', '/v3/memories/', { filters: { user_id: b.user } }],
      ['POST', '/v3/memories/', { filters: { user_id: b.doomedUser } }],
      ['POST', '/v3/memories/', { filters: { OR: [{ agent_id: b.agent }, { run_id: b.run }] } }],
      ['GET', `/v1/memories/${b.memory}/history/`],
      ['GET', '/v1/entities/'],
      ['GET', `/api/v1/webhooks/projects/${b.project}/`],
      ['POST', '/v1/exports/get/', { memory_export_id: b.export }],
      ['GET', `/v1/event/${b.event}/`],
      ['GET', `/v2/profiles/jobs/${b.job}/`],
      ['GET', `/v2/entities/user/${b.user}/profile/`],
      ['GET', '/v2/profiles/settings/'],
      ['GET', `/api/v1/orgs/organizations/${b.org}/projects/${b.project}/`],
      ['GET', `/api/v1/orgs/organizations/${b.org}/projects/${b.project}/members/`],
      ['GET', `/v1/structured/profiles/${b.user}/`],
      ['GET', `/v1/structured/sessions/${b.session}/messages/`],
    ];
    const answers = await Promise.all(reads.map(([m, path, body]) => call(b.key, m, path, body)));
    return Object.fromEntries(
      answers.map((answer: JsonResponse, i) => [viewKey(...reads[i]), answer.body]),
    );
  };

  beforeAll(async () => {
    mnemo = await startSeededStack(adminKey);
    const [projectA, projectB] = await Promise.all([
      createPlatformProject(mnemo.baseUrl, adminKey, 'project-a', 'org-a'),
      createPlatformProject(mnemo.baseUrl, adminKey, 'project-b', 'org-b'),
    ]);
    const webhookUrl = `http://127.0.0.1:${await freePort()}/hook`;
    [a, b] = await Promise.all([
      seedTenant(call, projectA, 'a', webhookUrl),
      seedTenant(call, projectB, 'b', webhookUrl),
    ]);
    sql = await createConnection({ uri: mnemo.mysqlUrl });
    baseline = await digestOfB();
    before = await viewOfB();
  }, 120_000);

  afterAll(() => stopSeededStack(mnemo, sql));

  it('seeds both projects in their own organizations, with nothing in common', () => {
    expect(a.org).not.toBe(b.org);
    const shared = Object.entries(a).filter(([field, value]) => (b as Json)[field] === value);
    expect(shared).toEqual([]);
    expect(before[viewKey('GET', `/v1/memories/${b.memory}/history/`)]).toEqual([
      expect.objectContaining({ event: 'ADD' }),
      expect.objectContaining({ event: 'UPDATE' }),
    ]);
  });

  it.each(matrix.map((p) => [p.row, p.method, p.path, p] as const))(
    "row %s: %s %s with A's key never reaches B",
    async (_row, _method, _path, p) => {
      const outcome = await runProbe(p, context(), unchanged);
      outcomes.push(outcome);
      expect(outcome.problems).toEqual([]);
    },
  );

  it('flags every read row when the caller is B itself, so the matrix can fail', async () => {
    const reads = matrix.filter((p) => p.method === 'GET');
    const asB: ProbeContext = { a: b, b, call };
    const outcomes = await Promise.all(
      reads.map((p) => runProbe(p, asB, () => Promise.resolve(undefined))),
    );
    const passed = outcomes.filter((outcome) => outcome.problems.length === 0);
    expect(passed.map(({ probe: p }) => `${p.method} ${p.path}`)).toEqual([]);
    expect(reads.length).toBeGreaterThan(15);
  });

  it("leaves B's data as B reads it through its own key", async () => {
    expect(await viewOfB()).toEqual(before);
    const memories = before[viewKey('POST', '/v3/memories/', { filters: { user_id: b.user } })];
    expect(memories.results.map((m: Json) => m.memory).sort()).toEqual([
      'b-secret: doomed fact',
      'b-secret: likes durian a lot',
      'b-secret: lives by the sea',
    ]);
  });

  it('notices a change B makes itself, so the checks above can fail', async () => {
    const edited = await call(b.key, 'PUT', `/v1/memories/${b.memory2}/`, {
      text: 'b-secret: edited',
    });
    expect(edited.status).toBe(200);
    expect(await unchanged()).toMatch(/^changed B's rows in .*\bmemories\b/);
    expect(await viewOfB()).not.toEqual(before);
  });

  it('was all-deny over every Platform route (rows 29–70) and the channel-B extras', () => {
    const rows = new Set(outcomes.map((outcome) => outcome.probe.row));
    const expected = Array.from({ length: 42 }, (_, i) => String(29 + i));
    expect(expected.filter((row) => !rows.has(row))).toEqual([]);
    expect(outcomes).toHaveLength(matrix.length);
    console.log(
      `Isolation matrix (A's key on B's ids; "own" = the same call on A's ids)\n${matrixTable(outcomes)}`,
    );
    const leaks = outcomes
      .filter((outcome) => outcome.problems.length > 0)
      .map(
        ({ probe: p, problems }) => `row ${p.row} ${p.method} ${p.path}: ${problems.join('; ')}`,
      );
    expect(leaks).toEqual([]);
  });
});
