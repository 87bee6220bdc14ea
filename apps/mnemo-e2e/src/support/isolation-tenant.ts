import { eventually } from '@mnemo/testing';
import type { JsonResponse } from '../http';
import type { PlatformProject } from './platform-project';

type Json = Record<string, any>;
type Call = <T = any>(
  key: string,
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<JsonResponse<T>>;

/**
 * Everything one project owns, by the names and ids a request would use. The matrix writes its
 * paths and bodies with `{name}` placeholders that stand for these fields.
 */
export interface IsolationTenant {
  tag: string;
  key: string;
  org: string;
  project: string;
  /** The main user, its memories (ADD then UPDATE on `memory`) and one kept for deletion. */
  user: string;
  memory: string;
  memory2: string;
  doomed: string;
  doomedUser: string;
  agent: string;
  run: string;
  event: string;
  webhook: string;
  export: string;
  feedback: string;
  email: string;
  job: string;
  jobKey: string;
  session: string;
  /** The project's channel-B schema. */
  space: string;
}

const slow = { timeoutMs: 20_000, intervalMs: 100 };
export const exportSchema = {
  type: 'object',
  properties: { facts: { type: 'array', items: { type: 'string' } } },
  required: ['facts'],
};

/**
 * Seeds one project with a memory of each kind, an async-add event, an entity of each type, a
 * webhook, a built export, feedback, a member, project and profile settings, a built profile
 * and channel-B rows. Every text carries `<tag>-secret` so a leak is easy to spot.
 */
export async function seedTenant(
  call: Call,
  project: PlatformProject,
  tag: string,
  webhookUrl: string,
): Promise<IsolationTenant> {
  const as = <T = any>(method: string, path: string, body?: unknown, headers = {}) =>
    expectOk(call<T>(project.api_key, method, path, body, headers), `${method} ${path}`);
  const secret = `${tag}-secret`;
  const user = `${tag}-user`;
  const add = async (ids: Json, ...contents: string[]): Promise<string[]> => {
    const messages = contents.map((content) => ({ role: 'user', content }));
    const added = await as('POST', '/v3/memories/add/', { ...ids, messages, infer: false });
    return (added.body.results as { id: string }[]).map((result) => result.id);
  };
  const [memory, memory2, doomed] = await add(
    { user_id: user },
    `${secret}: likes durian`,
    `${secret}: lives by the sea`,
    `${secret}: doomed fact`,
  );
  await add({ user_id: `${tag}-doomed-user` }, `${secret}: doomed user fact`);
  await add({ agent_id: `${tag}-agent` }, `${secret}: agent fact`);
  await add({ run_id: `${tag}-run` }, `${secret}: run fact`);
  await add({ user_id: 'shared-user' }, `${secret}: shared user fact`);
  await as('PUT', `/v1/memories/${memory}/`, { text: `${secret}: likes durian a lot` });

  const queued = await as('POST', '/v3/memories/add/', {
    user_id: `${tag}-async`,
    messages: [{ role: 'user', content: 'I live in Hangzhou' }],
  });
  const event = queued.body.event_id as string;
  await eventually(async () => {
    const answer = await as('GET', `/v1/event/${event}/`);
    if (answer.body.status !== 'SUCCEEDED') throw new Error(`event ${answer.body.status}`);
  }, slow);

  const hook = await as('POST', `/api/v1/webhooks/projects/${project.project_id}/`, {
    name: `${secret}-hook`,
    url: webhookUrl,
    event_types: ['memory_add'],
    is_active: false,
  });
  const filters = { AND: [{ user_id: user }] };
  const exported = await as('POST', '/v1/exports/', { schema: exportSchema, filters });
  await eventually(async () => {
    const answer = await as('POST', '/v1/exports/get/', { memory_export_id: exported.body.id });
    if (answer.body.status === 'PENDING') throw new Error('export still pending');
  }, slow);
  const feedback = await as('POST', '/v1/feedback/', {
    memory_id: memory,
    feedback: 'POSITIVE',
    feedback_reason: `${secret} reason`,
  });

  const email = `${tag}-member@example.com`;
  const projectPath = `/api/v1/orgs/organizations/${project.org_id}/projects/${project.project_id}/`;
  await as('POST', `${projectPath}members/`, { email, role: 'READER' });
  await as('PATCH', projectPath, { custom_instructions: `${secret} instructions` });
  await as('POST', '/v2/profiles/settings/', {
    entities: { user: { custom_instructions: `${secret} profile rules` } },
  });
  const jobKey = `${tag}-job-key`;
  const job = await as(
    'POST',
    '/v2/profiles/jobs/',
    { operation: 'trigger', entity_type: 'user', entity_id: user },
    { 'idempotency-key': jobKey },
  );
  await eventually(async () => {
    const done = await as('GET', `/v2/profiles/jobs/${job.body.job_id}/`);
    if (done.body.job.status !== 'succeeded') throw new Error(`job ${done.body.job.status}`);
    const profile = await as('GET', `/v2/entities/user/${user}/profile/`);
    if (profile.body.status !== 'succeeded') throw new Error(`profile ${profile.body.status}`);
  }, slow);

  const session = `${tag}-session`;
  await as('PUT', `/v1/structured/profiles/${user}/`, {
    nickname: `${secret} nick`,
    city: 'Hangzhou',
  });
  await as('POST', `/v1/structured/sessions/${session}/messages/`, {
    user_id: user,
    messages: [{ role: 'user', content: `${secret} message` }],
  });
  const credentials = await as('POST', '/v1/structured/credentials/');

  return {
    tag,
    key: project.api_key,
    org: project.org_id,
    project: project.project_id,
    user,
    memory,
    memory2,
    doomed,
    doomedUser: `${tag}-doomed-user`,
    agent: `${tag}-agent`,
    run: `${tag}-run`,
    event,
    webhook: hook.body.webhook_id as string,
    export: exported.body.id as string,
    feedback: feedback.body.id as string,
    email,
    job: job.body.job_id as string,
    jobKey,
    session,
    space: credentials.body.database as string,
  };
}

async function expectOk<T>(pending: Promise<JsonResponse<T>>, what: string) {
  const answer = await pending;
  if (answer.status < 200 || answer.status > 299) {
    throw new Error(`seeding: ${what} answered ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer;
}
