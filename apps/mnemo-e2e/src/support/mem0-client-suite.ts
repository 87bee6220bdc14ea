import { startMnemo, type MnemoStack, type ServiceName } from '@mnemo/testing';
import type { MemoryClient } from 'mem0ai';
import { http, type JsonResponse } from '../http';
import { createPlatformProject, tokenCaller, type PlatformProject } from './platform-project';

const loadMem0 = () => import('mem0ai');
export type Mem0 = Awaited<ReturnType<typeof loadMem0>>;

/** What the client's add hands back once its camel-casing ran (its own typings are looser). */
export interface AddAnswer {
  status: string;
  eventId: string;
  message?: string;
  results?: { id: string; event: string; data: { memory: string } }[];
}

const adminKey = 'mem0-client-admin-key';

export interface Mem0ClientSuite {
  readonly adminKey: string;
  readonly mnemo: MnemoStack;
  /** the mem0ai module, for its error classes and enums */
  readonly mem0: Mem0;
  /** the client's own project: `client-project` in `client-org` */
  readonly project: PlatformProject;
  readonly client: MemoryClient;
  /** a second project, made with the admin key */
  readonly other: PlatformProject;
  /** A call with `Authorization: Token <key>`, the admin key's unless told. */
  call<T = any>(
    method: string,
    path: string,
    body?: unknown,
    key?: string,
  ): Promise<JsonResponse<T>>;
  /** Adds the contents verbatim through the client, one memory each; answers their ids. */
  remember(userId: string, ...contents: string[]): Promise<string[]>;
  /** Seeds the admin key's own project through the open-source route, as stored text. */
  rememberAsAdmin(userId: string, ...contents: string[]): Promise<string[]>;
}

/**
 * The services given (all six by default, set up as `startSeededStack` does) for the calling
 * spec file, with a mem0ai `MemoryClient` on a project of its own, a second project, and the
 * admin key's calls. Each service left out saves about a second of the file's start.
 */
export function mem0ClientSuite(services?: ServiceName[]): Mem0ClientSuite {
  let mnemo: MnemoStack | undefined;
  let mem0: Mem0 | undefined;
  let project: PlatformProject | undefined;
  let client: MemoryClient | undefined;
  let other: PlatformProject | undefined;
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the mem0 client suite has not started');
    return value;
  };
  const token = tokenCaller(() => started(mnemo).baseUrl);

  beforeAll(async () => {
    mem0 = await loadMem0();
    mnemo = await startMnemo({
      services,
      env: {
        MNEMO_ADMIN_API_KEY: adminKey,
        MNEMO_WEBHOOK_ALLOW_PRIVATE: 'true',
        MNEMO_JOB_SWEEP_MS: '500',
      },
    });
    project = await createPlatformProject(mnemo.baseUrl, adminKey, 'client-project', 'client-org');
    client = new mem0.MemoryClient({ apiKey: project.api_key, host: mnemo.baseUrl });
    other = await createPlatformProject(mnemo.baseUrl, adminKey, 'extras-b');
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  return {
    adminKey,
    get mnemo() {
      return started(mnemo);
    },
    get mem0() {
      return started(mem0);
    },
    get project() {
      return started(project);
    },
    get client() {
      return started(client);
    },
    get other() {
      return started(other);
    },
    call: (method, path, body, key = adminKey) => token(key, method, path, body),
    remember: async (userId, ...contents) => {
      const messages = contents.map((content) => ({ role: 'user' as const, content }));
      const added = (await started(client).add(messages, {
        userId,
        infer: false,
      })) as unknown as AddAnswer;
      expect(added.status).toBe('SUCCEEDED');
      return (added.results ?? []).map((result) => result.id);
    },
    rememberAsAdmin: async (userId, ...contents) => {
      const ids: string[] = [];
      for (const content of contents) {
        const answer = await http(
          started(mnemo).baseUrl,
          'POST',
          '/memories',
          { messages: [{ role: 'user', content }], user_id: userId, infer: false },
          { 'x-api-key': adminKey },
        );
        expect(answer.status).toBe(200);
        ids.push(answer.body.results[0].id as string);
      }
      return ids;
    },
  };
}
