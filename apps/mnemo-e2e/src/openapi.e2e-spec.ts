import Ajv2020 from 'ajv/dist/2020';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http, type JsonResponse } from './http';
import { gatewayRoutes } from './support/gateway-routes';

type Json = Record<string, any>;
interface OpenApiDocument {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, Json> }>>;
  components: Json;
}

const adminKey = 'openapi-admin-key';
const methods = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** `GET /v1/memories/{memoryId}`, as the document names a Nest route `/v1/memories/:memoryId`. */
const documented = (method: string, nestPath: string) =>
  `${method.toUpperCase()} ${nestPath.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`;

jest.setTimeout(30_000);

describe('OpenAPI document and interactive docs', () => {
  let mnemo: MnemoStack;
  let document: OpenApiDocument;
  const oss = (method: string, path: string, body?: unknown) =>
    http(mnemo.baseUrl, method, path, body, { 'x-api-key': adminKey });
  const platform = (method: string, path: string, body?: unknown) =>
    http(mnemo.baseUrl, method, path, body, { authorization: `Token ${adminKey}` });

  /** Fails with the validation errors when an answer does not fit the documented shape. */
  const expectDocumented = (method: string, path: string, answer: JsonResponse) => {
    const responses = document.paths[path]?.[method]?.responses;
    const schema = responses?.[String(answer.status)]?.content?.['application/json']?.schema;
    expect({ route: `${method} ${path}`, status: answer.status, documented: !!schema }).toEqual({
      route: `${method} ${path}`,
      status: answer.status,
      documented: true,
    });
    const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: false });
    // `#/components/...` references resolve against the wrapper, which carries the components
    const validate = ajv.compile({ ...schema, components: document.components });
    validate(answer.body);
    expect({ route: `${method} ${path}`, errors: validate.errors ?? [] }).toEqual({
      route: `${method} ${path}`,
      errors: [],
    });
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    const answer = await http<OpenApiDocument>(mnemo.baseUrl, 'GET', '/openapi.json');
    expect(answer.status).toBe(200);
    document = answer.body;
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  it('documents exactly the routes the gateway registers', () => {
    const registered = gatewayRoutes().map((route) => documented(route.method, route.path));
    const inDocument = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((method) => methods.has(method))
        .map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(document.openapi).toBe('3.1.0');
    expect(registered.filter((route) => !inDocument.includes(route))).toEqual([]);
    expect(inDocument.filter((route) => !registered.includes(route))).toEqual([]);
    expect(inDocument.length).toBe(registered.length);
  });

  it('redirects / to the docs page, which loads only files the gateway serves', async () => {
    const root = await fetch(`${mnemo.baseUrl}/`, { redirect: 'manual' });
    expect({ status: root.status, location: root.headers.get('location') }).toEqual({
      status: 302,
      location: '/docs',
    });
    const page = await fetch(`${mnemo.baseUrl}/docs/`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    const loaded = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(loaded.length).toBeGreaterThan(3);
    expect(loaded.filter((url) => !url.startsWith('/docs/'))).toEqual([]);
    for (const url of loaded) {
      const asset = await fetch(`${mnemo.baseUrl}${url}`);
      expect({ url, status: asset.status }).toEqual({ url, status: 200 });
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);
    }
    const init = await (await fetch(`${mnemo.baseUrl}/docs/init.js`)).text();
    expect(init).toContain("url: '/openapi.json'");
    expect(init).toContain('validatorUrl: null');
    expect((await fetch(`${mnemo.baseUrl}/docs/index.html`)).status).toBe(404);
  });

  it('answers the open-source routes in the documented shapes', async () => {
    const added = await oss('POST', '/memories', {
      messages: [{ role: 'user', content: 'Prefers Sichuan cuisine' }],
      user_id: 'doc-user',
      infer: false,
    });
    expectDocumented('post', '/memories', added);
    const id = (added.body as Json).results[0].id as string;
    expectDocumented('get', '/memories/{memoryId}', await oss('GET', `/memories/${id}`));
    expectDocumented('get', '/memories', await oss('GET', '/memories?user_id=doc-user'));
    expectDocumented(
      'get',
      '/memories/{memoryId}/history',
      await oss('GET', `/memories/${id}/history`),
    );
    const searched = await oss('POST', '/search', { query: 'Sichuan food', user_id: 'doc-user' });
    expect((searched.body as Json).results).toHaveLength(1);
    expectDocumented('post', '/search', searched);
    expectDocumented('post', '/memories', await oss('POST', '/memories', { messages: [] }));
    expectDocumented('get', '/memories/{memoryId}', await oss('GET', '/memories/unknown-id'));
  });

  it('answers the Platform routes in the documented shapes', async () => {
    const queued = await platform('POST', '/v3/memories/add/', {
      messages: [{ role: 'user', content: 'I live in Hangzhou' }],
      user_id: 'doc-user',
    });
    expectDocumented('post', '/v3/memories/add', queued);
    const eventId = (queued.body as Json).event_id as string;
    expectDocumented('get', '/v1/event/{eventId}', await platform('GET', `/v1/event/${eventId}/`));
    const filters = { user_id: 'doc-user' };
    const listed = await platform('POST', '/v3/memories/', { filters });
    expectDocumented('post', '/v3/memories', listed);
    const id = (listed.body as Json).results[0].id as string;
    expectDocumented(
      'get',
      '/v1/memories/{memoryId}',
      await platform('GET', `/v1/memories/${id}/`),
    );
    const search = { query: 'Sichuan', filters };
    expectDocumented(
      'post',
      '/v3/memories/search',
      await platform('POST', '/v3/memories/search/', search),
    );
    expectDocumented('get', '/v1/ping', await platform('GET', '/v1/ping/'));
    expectDocumented(
      'post',
      '/v3/memories/search',
      await platform('POST', '/v3/memories/search/', {}),
    );
    expectDocumented('get', '/v1/ping', await http(mnemo.baseUrl, 'GET', '/v1/ping/'));
  });

  it('answers the probes, entities, events and admin routes in the documented shapes', async () => {
    // structured-data and the webhook-dispatcher are not started: /health answers its 503 body
    expectDocumented('get', '/health', await http(mnemo.baseUrl, 'GET', '/health'));
    expectDocumented('get', '/ready', await http(mnemo.baseUrl, 'GET', '/ready'));
    expectDocumented('get', '/entities', await oss('GET', '/entities'));
    expectDocumented('get', '/v1/entities', await platform('GET', '/v1/entities/'));
    expectDocumented('get', '/v1/events', await platform('GET', '/v1/events/'));
    const listed = await platform('GET', '/v1/memories/?user_id=doc-user');
    expectDocumented('get', '/v1/memories', listed);
    const id = (listed.body as Json[])[0].id as string;
    const history = await platform('GET', `/v1/memories/${id}/history/`);
    expectDocumented('get', '/v1/memories/{memoryId}/history', history);

    const created = await platform('POST', '/api/v1/admin/projects/', { name: 'documented' });
    expectDocumented('post', '/api/v1/admin/projects', created);
    const { org_id: org, project_id: project } = created.body as Json;
    const keys = `/api/v1/admin/projects/${project}/keys/`;
    expectDocumented(
      'post',
      '/api/v1/admin/projects/{projectId}/keys',
      await platform('POST', keys, {}),
    );
    expectDocumented('get', '/api/v1/admin/projects/{projectId}/keys', await platform('GET', keys));
    const projects = '/api/v1/orgs/organizations/{orgId}/projects/{projectId}';
    const own = `/api/v1/orgs/organizations/${org}/projects/${project}`;
    const owner = { authorization: `Token ${(created.body as Json).api_key}` };
    const asOwner = (path: string) => http(mnemo.baseUrl, 'GET', path, undefined, owner);
    expectDocumented('get', projects, await asOwner(`${own}/`));
    expectDocumented('get', `${projects}/members`, await asOwner(`${own}/members/`));
  });

  it('refuses an answer that leaves the documented shape, so the checks above can fail', () => {
    const wrong = { status: 200, body: { results: [{ id: 1 }] }, headers: new Headers() };
    expect(() => expectDocumented('post', '/search', wrong)).toThrow();
  });
});
