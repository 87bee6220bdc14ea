import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';
import { createPlatformProject, type PlatformProject } from './support/platform-project';

type Json = Record<string, any>;
interface ToolAnswer {
  isError: boolean;
  text: string;
  json: Json | undefined;
}

const adminKey = 'mcp-admin-key';
const defaultUser = 'mcp-e2e-default-user';
const denied = 'You do not have permission to perform this action.';
const tools = [
  'add_memories',
  'delete_all_memories',
  'delete_memory',
  'get_memory',
  'list_memories',
  'search_memory',
  'update_memory',
];

jest.setTimeout(30_000);

describe('MCP server at /mcp', () => {
  let mnemo: MnemoStack;
  let first: PlatformProject;
  let second: PlatformProject;
  let readerKey: string;
  const clients: Client[] = [];

  /** An MCP client of the SDK, over Streamable HTTP, sending the key as the given header. */
  const connect = async (headers: Record<string, string>): Promise<Client> => {
    const client = new Client({ name: 'mnemo-e2e', version: '1.0.0' });
    const url = new URL(`${mnemo.baseUrl}/mcp`);
    await client.connect(new StreamableHTTPClientTransport(url, { requestInit: { headers } }));
    clients.push(client);
    return client;
  };
  const token = (key: string) => connect({ authorization: `Token ${key}` });

  const call = async (client: Client, name: string, args: Json = {}): Promise<ToolAnswer> => {
    const result = await client.callTool({ name, arguments: args });
    const content = result.content as { type: string; text: string }[];
    const text = content.map((part) => part.text).join('');
    let json: Json | undefined;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      json = undefined;
    }
    return { isError: result.isError === true, text, json };
  };

  beforeAll(async () => {
    mnemo = await startMnemo({
      services: ['gateway', 'extractor', 'embedder', 'vector-store'],
      env: { MNEMO_ADMIN_API_KEY: adminKey, MNEMO_MCP_DEFAULT_USER_ID: defaultUser },
    });
    first = await createPlatformProject(mnemo.baseUrl, adminKey, 'mcp-first', 'org-mcp');
    second = await createPlatformProject(mnemo.baseUrl, adminKey, 'mcp-second', 'org-mcp');
    readerKey = await makeReaderKey(mnemo.baseUrl, first);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await mnemo?.stop();
  });

  it('lists the seven memory tools, each taking a user, agent or run id', async () => {
    const client = await token(first.api_key);
    const listed = await client.listTools();
    expect(listed.tools.map((tool) => tool.name).sort()).toEqual(tools);
    const scoped = listed.tools.filter(
      (tool) => tool.name.endsWith('memories') || tool.name === 'search_memory',
    );
    for (const tool of scoped) {
      expect(Object.keys(tool.inputSchema.properties ?? {})).toEqual(
        expect.arrayContaining(['user_id', 'agent_id', 'run_id']),
      );
    }
  });

  it('adds, searches, gets, updates and deletes a memory of a user', async () => {
    const client = await token(first.api_key);
    const added = await call(client, 'add_memories', {
      text: 'Prefers window seats on long flights',
      user_id: 'alice',
      infer: false,
    });
    expect(added).toMatchObject({ isError: false, json: { results: [{ event: 'ADD' }] } });
    const id = added.json?.results[0].id as string;

    const found = await call(client, 'search_memory', { query: 'window seat', user_id: 'alice' });
    expect(found.json?.results.map((memory: Json) => memory.id)).toEqual([id]);
    expect(await call(client, 'get_memory', { memory_id: id })).toMatchObject({
      isError: false,
      json: { id, memory: 'Prefers window seats on long flights', user_id: 'alice' },
    });

    const updated = await call(client, 'update_memory', {
      memory_id: id,
      text: 'Prefers aisle seats',
    });
    expect(updated).toMatchObject({ isError: false, json: { id, memory: 'Prefers aisle seats' } });
    const listed = await call(client, 'list_memories', { user_id: 'alice' });
    expect(listed.json?.results.map((memory: Json) => memory.memory)).toEqual([
      'Prefers aisle seats',
    ]);

    expect(await call(client, 'delete_memory', { memory_id: id })).toMatchObject({
      isError: false,
    });
    expect(await call(client, 'get_memory', { memory_id: id })).toEqual({
      isError: true,
      text: 'Memory not found',
      json: undefined,
    });
  });

  it('extracts facts by default and files them under the configured default user', async () => {
    const client = await connect({ 'x-api-key': first.api_key });
    const added = await call(client, 'add_memories', { text: 'I live in Hangzhou' });
    expect(added).toMatchObject({
      isError: false,
      json: { results: [{ memory: 'Lives in Hangzhou', event: 'ADD' }] },
    });
    const mine = await call(client, 'list_memories', {});
    expect(mine.json?.results).toEqual([
      expect.objectContaining({ memory: 'Lives in Hangzhou', user_id: defaultUser }),
    ]);
    const viaRest = await http(
      mnemo.baseUrl,
      'GET',
      `/memories?user_id=${defaultUser}`,
      undefined,
      {
        'x-api-key': first.api_key,
      },
    );
    expect(viaRest.body.results.map((memory: Json) => memory.memory)).toEqual([
      'Lives in Hangzhou',
    ]);

    expect(await call(client, 'delete_all_memories', {})).toMatchObject({
      isError: false,
      json: { deleted: 1 },
    });
    expect((await call(client, 'list_memories', {})).json?.results).toEqual([]);
  });

  it('answers bad calls as tool errors with the API message, not transport failures', async () => {
    const client = await connect({ authorization: `Bearer ${first.api_key}` });
    expect(
      await call(client, 'update_memory', { memory_id: 'no-such-id', text: 'x' }),
    ).toMatchObject({
      isError: true,
      text: 'Memory not found',
    });
    expect(await call(client, 'update_memory', { memory_id: 'no-such-id' })).toMatchObject({
      isError: true,
      text: 'Nothing to update: give text, metadata or expiration_date.',
    });
    const missing = await call(client, 'search_memory', { user_id: 'alice' });
    expect(missing.isError).toBe(true);
    expect(missing.text).toContain('query');
  });

  it('refuses a wrong key before any tool runs', async () => {
    await expect(token('m0-not-a-key')).rejects.toMatchObject({
      code: 401,
      message: expect.stringContaining('Invalid API key.'),
    });
    const raw = await http(mnemo.baseUrl, 'POST', '/mcp', {
      jsonrpc: '2.0',
      id: 1,
      method: 'ping',
    });
    expect(raw).toMatchObject({
      status: 401,
      body: { detail: 'Invalid API key. Please check your API key and try again.' },
    });
  });

  it("keeps another project's key away from the first project's memories", async () => {
    const owner = await token(first.api_key);
    const added = await call(owner, 'add_memories', {
      text: 'Keeps a cat named Mochi',
      user_id: 'bob',
      infer: false,
    });
    const id = added.json?.results[0].id as string;
    const stranger = await token(second.api_key);
    expect((await call(stranger, 'search_memory', { query: 'cat', user_id: 'bob' })).json).toEqual({
      results: [],
    });
    expect((await call(stranger, 'list_memories', { user_id: 'bob' })).json).toEqual({
      results: [],
    });
    for (const name of ['get_memory', 'delete_memory']) {
      expect(await call(stranger, name, { memory_id: id })).toMatchObject({
        isError: true,
        text: 'Memory not found',
      });
    }
    expect(await call(stranger, 'delete_all_memories', { user_id: 'bob' })).toMatchObject({
      json: { deleted: 0 },
    });
    expect(await call(owner, 'get_memory', { memory_id: id })).toMatchObject({
      isError: false,
      json: { id, memory: 'Keeps a cat named Mochi' },
    });
  });

  it('lets a READER key read and refuses it every writing tool', async () => {
    const reader = await token(readerKey);
    const writes: [string, Json][] = [
      ['add_memories', { text: 'Reader was here', user_id: 'bob', infer: false }],
      ['update_memory', { memory_id: 'any', text: 'x' }],
      ['delete_memory', { memory_id: 'any' }],
      ['delete_all_memories', { user_id: 'bob' }],
    ];
    for (const [name, args] of writes) {
      expect({ name, ...(await call(reader, name, args)) }).toEqual({
        name,
        isError: true,
        text: denied,
        json: undefined,
      });
    }
    const read = await call(reader, 'list_memories', { user_id: 'bob' });
    expect(read.json?.results.map((memory: Json) => memory.memory)).toEqual([
      'Keeps a cat named Mochi',
    ]);
  });
});

/** A READER member of the project and a key made for that member. */
async function makeReaderKey(baseUrl: string, project: PlatformProject): Promise<string> {
  const members = `/api/v1/orgs/organizations/${project.org_id}/projects/${project.project_id}/members/`;
  const email = 'mcp-reader@example.com';
  const auth = { authorization: `Token ${adminKey}` };
  const owner = { authorization: `Token ${project.api_key}` };
  const member = await http(baseUrl, 'POST', members, { email, role: 'READER' }, owner);
  expect(member.status).toBe(200);
  const keys = `/api/v1/admin/projects/${project.project_id}/keys/`;
  const made = await http<{ api_key: string }>(
    baseUrl,
    'POST',
    keys,
    { label: 'reader', email },
    auth,
  );
  expect(made.status).toBe(201);
  return made.body.api_key;
}
