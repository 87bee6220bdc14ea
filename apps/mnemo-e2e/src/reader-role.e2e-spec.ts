import { createConnection, type Connection } from 'mysql2/promise';
import { freePort } from '@mnemo/devstack';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http, type JsonResponse } from './http';
import { gatewayRoutes, type GatewayRoute } from './support/gateway-routes';
import { seedTenant, type IsolationTenant } from './support/isolation-tenant';
import { createPlatformProject, tokenCaller } from './support/platform-project';
import { requestFor, type RouteRequest } from './support/route-requests';
import { startSeededStack, stopSeededStack } from './support/seeded-stack';
import { changedTables, tenantDigest, type TenantDigest } from './support/tenant-digest';

type Json = Record<string, any>;

const adminKey = 'reader-role-admin-key';
const denied = { detail: 'You do not have permission to perform this action.' };
const adminOnly = { detail: 'Admin role required.' };
/** The open-source routes read only `X-API-Key`: a key sent as a Token is no key there. */
const noOssKey = { detail: 'X-API-Key header is required.' };

/** The POSTs that only read, as the gateway declares them with `@ReadRoute()`; reviewed here. */
const declaredReads = [
  'POST /search',
  'POST /v1/context',
  'POST /v1/exports/get',
  'POST /v1/memories/search',
  'POST /v1/summary',
  'POST /v2/memories',
  'POST /v2/memories/search',
  'POST /v3/memories',
  'POST /v3/memories/search',
];

const routes = gatewayRoutes();
const named = (route: GatewayRoute) => `${route.method} ${route.path}`;
const styles = {
  'X-API-Key': (key: string) => ({ 'x-api-key': key }),
  'Authorization: Token': (key: string) => ({ authorization: `Token ${key}` }),
};
type Style = keyof typeof styles;

jest.setTimeout(20_000);

describe('READER keys: one role check on every route of the gateway', () => {
  let mnemo: MnemoStack;
  let sql: Connection;
  let tenant: IsolationTenant;
  let reader: { id: string; api_key: string };
  let baseline: TenantDigest;
  let ownerView: Json;
  const call = tokenCaller(() => mnemo.baseUrl);
  const digest = () =>
    tenantDigest(sql, mnemo.database, {
      orgId: tenant.org,
      projectId: tenant.project,
      space: tenant.space,
    });
  const send = (request: RouteRequest, headers: Record<string, string>) =>
    http(mnemo.baseUrl, request.method, request.path, request.body, headers);
  const probe = (route: GatewayRoute) => requestFor(route, { tenant, keyId: reader.id });

  /** What the OWNER reads of the project: the sample memory and the user's memories. */
  const viewOfOwner = async (): Promise<Json> => {
    const memory = await call(tenant.key, 'GET', `/v1/memories/${tenant.memory}/`);
    const listed = await call(tenant.key, 'POST', '/v3/memories/', {
      filters: { user_id: tenant.user },
    });
    return { memory: memory.body, count: listed.body.count, results: listed.body.results };
  };

  /** A 403 that is the admin rule, not the role: the project's OWNER key is refused alike. */
  const ownerAlsoRefused = async (request: RouteRequest) => {
    const answer = await send(request, { 'x-api-key': tenant.key });
    return answer.status === 403 && answer.body?.detail === adminOnly.detail;
  };

  beforeAll(async () => {
    mnemo = await startSeededStack(adminKey);
    const project = await createPlatformProject(mnemo.baseUrl, adminKey, 'reader-role', 'org-r');
    tenant = await seedTenant(call, project, 'r', `http://127.0.0.1:${await freePort()}/hook`);
    // seedTenant made `tenant.email` a READER member; this key is that member's
    const made = await call(adminKey, 'POST', `/api/v1/admin/projects/${tenant.project}/keys/`, {
      label: 'reader',
      email: tenant.email,
    });
    expect(made.status).toBe(201);
    reader = made.body as { id: string; api_key: string };
    sql = await createConnection({ uri: mnemo.mysqlUrl });
    baseline = await digest();
    ownerView = await viewOfOwner();
  }, 180_000);

  afterAll(() => stopSeededStack(mnemo, sql));

  it('lists every controller route of the built gateway, each once', () => {
    const names = routes.map(named);
    expect(new Set(names).size).toBe(names.length);
    expect(names.length).toBeGreaterThan(70);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /memories',
        'DELETE /memories',
        'DELETE /entities/:entityType/:entityId',
        'POST /reset',
        'POST /v1/feedback',
        'POST /v1/exports',
        'POST /v1/structured/credentials',
        'DELETE /api/v1/admin/keys/:keyId',
      ]),
    );
  });

  it('declares as reads exactly the POSTs that only read, and nothing else', () => {
    const declared = routes.filter((route) => route.declaredRead).map(named);
    expect(declared.sort()).toEqual(declaredReads);
  });

  it('holds a READER key as a member whose key works', async () => {
    expect(await call(reader.api_key, 'GET', '/v1/ping/')).toMatchObject({
      status: 200,
      body: { project_id: tenant.project, user_email: tenant.email },
    });
  });

  const writes = routes.filter((route) => !route.read);
  it.each(writes.map((route) => [named(route), route.source, route] as const))(
    'refuses a READER key on %s (%s)',
    async (_name, _source, route) => {
      const request = probe(route);
      const answers: Record<Style, JsonResponse<Json>> = {
        'X-API-Key': await send(request, styles['X-API-Key'](reader.api_key)),
        'Authorization: Token': await send(request, styles['Authorization: Token'](reader.api_key)),
      };
      const viaHeader = answers['X-API-Key'];
      expect(viaHeader.status).toBe(403);
      if (viaHeader.body.detail === adminOnly.detail) {
        expect(await ownerAlsoRefused(request)).toBe(true);
      } else {
        expect(viaHeader.body).toEqual(denied);
      }
      const viaToken = answers['Authorization: Token'];
      const tokenRefusals = [
        { status: viaHeader.status, body: viaHeader.body },
        { status: 401, body: noOssKey },
      ];
      expect(tokenRefusals).toContainEqual({ status: viaToken.status, body: viaToken.body });
    },
  );

  it('left the project as it was after every refused write', async () => {
    expect(changedTables(baseline, await digest())).toEqual([]);
    expect(await viewOfOwner()).toEqual(ownerView);
    expect(ownerView.memory).toMatchObject({ id: tenant.memory, memory: expect.any(String) });
    expect(ownerView.count).toBeGreaterThan(0);
  });

  const reads = routes.filter((route) => route.read);
  it.each(reads.map((route) => [named(route), route.source, route] as const))(
    'lets a READER key read %s (%s)',
    async (_name, _source, route) => {
      const request = probe(route);
      for (const style of Object.keys(styles) as Style[]) {
        const answer = await send(request, styles[style](reader.api_key));
        if (answer.status === 403 && answer.body?.detail === adminOnly.detail) {
          expect(await ownerAlsoRefused(request)).toBe(true);
          continue;
        }
        expect({ style, status: answer.status }).not.toEqual({ style, status: 403 });
        if (answer.status === 401)
          expect({ style, body: answer.body }).toEqual({ style, body: noOssKey });
      }
    },
  );

  it('sends requests an OWNER may make, so the refusals come from the role alone', async () => {
    const byOwner = ['POST /memories', 'PUT /v1/memories/:memoryId', 'POST /v1/feedback'];
    const refused: string[] = [];
    for (const name of byOwner) {
      const route = routes.find((candidate) => named(candidate) === name);
      const answer = route ? await send(probe(route), { 'x-api-key': tenant.key }) : undefined;
      if (!answer || answer.status >= 300) refused.push(`${name}: ${answer?.status ?? 'no route'}`);
    }
    expect(refused).toEqual([]);
    expect(changedTables(baseline, await digest())).toEqual(expect.arrayContaining(['memories']));
  });
});

describe('READER keys without an admin key (open mode)', () => {
  let mnemo: MnemoStack;
  const oss = (method: string, path: string, body?: unknown, key?: string) =>
    http(mnemo.baseUrl, method, path, body, key ? { 'x-api-key': key } : {});
  const add = (content: string) => ({
    messages: [{ role: 'user', content }],
    user_id: 'open-user',
    infer: false,
  });

  beforeAll(async () => {
    mnemo = await startMnemo({ services: ['gateway', 'extractor', 'embedder', 'vector-store'] });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('still lets a caller without a key write, and refuses a READER key', async () => {
    const created = await oss('POST', '/api/v1/admin/projects/', { name: 'open' });
    expect(created.status).toBe(201);
    const project = created.body as { org_id: string; project_id: string; api_key: string };
    const members = `/api/v1/orgs/organizations/${project.org_id}/projects/${project.project_id}/members/`;
    const member = { email: 'open-reader@example.com', role: 'READER' };
    expect((await oss('POST', members, member, project.api_key)).status).toBe(200);
    const keys = `/api/v1/admin/projects/${project.project_id}/keys/`;
    const made = await oss('POST', keys, { label: 'reader', email: member.email });
    const readerKey = (made.body as { api_key: string }).api_key;

    expect((await oss('POST', '/memories', add('Keyless caller likes tea'))).status).toBe(200);
    expect(await oss('POST', '/memories', add('Reader likes tea'), readerKey)).toMatchObject({
      status: 403,
      body: denied,
    });
    expect(await oss('POST', '/reset', undefined, readerKey)).toMatchObject({
      status: 403,
      body: denied,
    });
    const search = await oss('POST', '/search', { query: 'tea', user_id: 'open-user' }, readerKey);
    expect(search.status).toBe(200);
    const owned = await oss('POST', '/memories', add('Owner likes tea'), project.api_key);
    expect(owned.status).toBe(200);
  });
});
