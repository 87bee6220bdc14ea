import { createHash } from 'node:crypto';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http, type JsonResponse } from '../http';
import { createPlatformProject, type PlatformProject } from './platform-project';

type Json = Record<string, unknown>;
type Listed = { memory: string }[] | { results: { memory: string }[] };

const adminKey = 'platform-memories-admin-key';

/** What the Python client sends: `Token` auth and `Mem0-User-ID: md5(key)`. */
export function clientHeaders(key: string): Record<string, string> {
  return {
    authorization: `Token ${key}`,
    'mem0-user-id': createHash('md5').update(key).digest('hex'),
  };
}

export interface PlatformMemorySuite {
  readonly mnemo: MnemoStack;
  /** the project the calls use by default */
  readonly project: PlatformProject;
  /** a second project, for isolation */
  readonly other: PlatformProject;
  /** A call as the Python client sends it, with the project's key unless told (null: no key). */
  call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    key?: string | null,
  ): Promise<JsonResponse<T>>;
  /** The memory texts of a list or search answer (a bare array or `{results}`), sorted. */
  texts(answer: JsonResponse<Listed>): string[];
  /** Adds with infer:false, waits for SUCCEEDED, and answers the new ids. */
  addVerbatim(body: Json, key?: string): Promise<string[]>;
  /** Adds each content verbatim as one memory of the user; answers their ids. */
  remember(userId: string, ...contents: string[]): Promise<string[]>;
}

/**
 * The stack the Platform memory routes need (no structured data, no webhooks), started for the
 * calling spec file with two projects, and the calls its tests make.
 */
export function platformMemorySuite(): PlatformMemorySuite {
  let mnemo: MnemoStack | undefined;
  let project: PlatformProject | undefined;
  let other: PlatformProject | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the Platform memory suite has not started');
    return value;
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey },
    });
    project = await createPlatformProject(mnemo.baseUrl, adminKey, 'memories-a');
    other = await createPlatformProject(mnemo.baseUrl, adminKey, 'memories-b');
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  const suite: PlatformMemorySuite = {
    get mnemo() {
      return started(mnemo);
    },
    get project() {
      return started(project);
    },
    get other() {
      return started(other);
    },
    call: (method, path, body, key = suite.project.api_key) =>
      http(suite.mnemo.baseUrl, method, path, body, key ? clientHeaders(key) : {}),
    texts: (answer) =>
      (Array.isArray(answer.body) ? answer.body : answer.body.results).map((m) => m.memory).sort(),
    addVerbatim: async (body, key = suite.project.api_key) => {
      const answer = await suite.call('POST', '/v3/memories/add/', { infer: false, ...body }, key);
      expect(answer).toMatchObject({ status: 200, body: { status: 'SUCCEEDED' } });
      return (answer.body.results as { id: string }[]).map((result) => result.id);
    },
    remember: (userId, ...contents) =>
      suite.addVerbatim({
        user_id: userId,
        messages: contents.map((content) => ({ role: 'user', content })),
      }),
  };
  return suite;
}
