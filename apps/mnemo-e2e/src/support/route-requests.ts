import { randomUUID } from 'node:crypto';
import type { GatewayRoute } from './gateway-routes';
import { exportSchema, type IsolationTenant } from './isolation-tenant';

/** The seeded project and the ids only the suite knows, to fill a route's path parameters. */
export interface RouteTarget {
  tenant: IsolationTenant;
  keyId: string;
}

export interface RouteRequest {
  method: string;
  path: string;
  body?: unknown;
}

type Sample = (target: IsolationTenant) => unknown;

const members = '/api/v1/orgs/organizations/:orgId/projects/:projectId/members';
const hook = 'http://127.0.0.1:9/hook';
const add: Sample = (t) => ({
  messages: [{ role: 'user', content: 'Written with a reader key' }],
  user_id: t.user,
  infer: false,
});

/**
 * Bodies that would succeed for an OWNER, so a refusal is known to come from the role check and
 * not from bad input. A route missing here is still called, with `{}`.
 */
const bodies: Record<string, Sample> = {
  'POST /memories': add,
  'PUT /memories/:memoryId': () => ({ text: 'Overwritten with a reader key' }),
  'POST /v3/memories/add': add,
  'POST /v1/memories': add,
  'POST /v1/memories/import': (t) => ({
    memories: [{ memory: 'Imported with a reader key', user_id: t.user }],
  }),
  'PUT /v1/memories/:memoryId': () => ({ text: 'Overwritten with a reader key' }),
  'PUT /v1/batch': (t) => ({ memories: [{ memory_id: t.memory, text: 'Overwritten' }] }),
  'DELETE /v1/batch': (t) => ({ memories: [{ memory_id: t.memory }] }),
  'POST /v1/feedback': (t) => ({ memory_id: t.memory, feedback: 'NEGATIVE' }),
  'POST /v1/exports': (t) => ({ schema: exportSchema, filters: { AND: [{ user_id: t.user }] } }),
  'POST /api/v1/orgs/organizations/:orgId/projects': () => ({ name: 'made-by-a-reader' }),
  'PATCH /api/v1/orgs/organizations/:orgId/projects/:projectId': () => ({
    custom_instructions: 'Set with a reader key',
  }),
  [`POST ${members}`]: () => ({ email: 'intruder@example.com', role: 'OWNER' }),
  [`PUT ${members}`]: (t) => ({ email: t.email, role: 'OWNER' }),
  'POST /api/v1/webhooks/projects/:projectId': () => ({
    name: 'reader hook',
    url: hook,
    event_types: ['memory_add'],
    is_active: false,
  }),
  'PUT /api/v1/webhooks/:webhookId': () => ({ name: 'renamed by a reader' }),
  'POST /v2/profiles/jobs': (t) => ({
    operation: 'trigger',
    entity_type: 'user',
    entity_id: t.user,
  }),
  'POST /v2/profiles/settings': () => ({
    entities: { user: { custom_instructions: 'Set with a reader key' } },
  }),
  'PUT /v1/structured/profiles/:userId': () => ({ nickname: 'Reader' }),
  'PATCH /v1/structured/profiles/:userId': () => ({ city: 'Elsewhere' }),
  'POST /v1/structured/sessions/:sessionId/messages': (t) => ({
    user_id: t.user,
    messages: [{ role: 'user', content: 'Written with a reader key' }],
  }),
  'POST /api/v1/admin/projects': () => ({ name: 'made-by-a-reader' }),
  'POST /api/v1/admin/projects/:projectId/keys': () => ({ label: 'made-by-a-reader' }),
  // reads declared with @ReadRoute()
  'POST /search': (t) => ({ query: 'durian', user_id: t.user }),
  'POST /v3/memories': (t) => ({ filters: { user_id: t.user } }),
  'POST /v2/memories': (t) => ({ filters: { user_id: t.user } }),
  'POST /v3/memories/search': (t) => ({ query: 'durian', filters: { user_id: t.user } }),
  'POST /v2/memories/search': (t) => ({ query: 'durian', filters: { user_id: t.user } }),
  'POST /v1/memories/search': (t) => ({ query: 'durian', user_id: t.user }),
  'POST /v1/exports/get': (t) => ({ memory_export_id: t.export }),
  'POST /v1/summary': (t) => ({ filters: { user_id: t.user } }),
  'POST /v1/context': (t) => ({ user_id: t.user, query: 'durian' }),
};

const queries: Record<string, (t: IsolationTenant) => string> = {
  'DELETE /memories': (t) => `?user_id=${t.user}`,
  'DELETE /v1/memories': (t) => `?user_id=${t.user}`,
  [`DELETE ${members}`]: (t) => `?email=${encodeURIComponent(t.email)}`,
  'GET /memories': (t) => `?user_id=${t.user}`,
  'GET /v1/memories': (t) => `?user_id=${t.user}`,
};

/** A path parameter's value in the seeded project; an unknown name fails the suite. */
function parameter(name: string, { tenant: t, keyId }: RouteTarget): string {
  const values: Record<string, string> = {
    memoryId: t.memory,
    entityType: 'user',
    entityId: t.user,
    entityName: t.user,
    userId: t.user,
    orgId: t.org,
    projectId: t.project,
    webhookId: t.webhook,
    deliveryId: randomUUID(),
    keyId,
    sessionId: t.session,
    eventId: t.event,
    jobId: t.job,
  };
  const value = values[name];
  if (value === undefined) throw new Error(`no sample value for the path parameter :${name}`);
  return encodeURIComponent(value);
}

/** The request a route is probed with, its parameters filled from the seeded project. */
export function requestFor(route: GatewayRoute, target: RouteTarget): RouteRequest {
  const key = `${route.method} ${route.path}`;
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => parameter(name, target));
  const query = queries[key]?.(target.tenant) ?? '';
  const body = bodies[key]?.(target.tenant) ?? (route.read ? undefined : {});
  return { method: route.method, path: `${path}${query}`, body };
}
