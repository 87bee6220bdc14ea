// `npm run demo`: the e-commerce scenario of the README against a running Mnemo (`npm start`).
// Channel B writes the customer's profile over the MySQL protocol with the project's own
// account; channel A remembers the conversation through the Mem0 client; three days later one
// call gathers both for the reply, and SQL joins the profile with the memories.
import type { Message } from 'mem0ai';
import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { z } from 'zod';

const optional = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : undefined));

const demoEnvSchema = z.object({
  MNEMO_URL: z.string().url().default('http://localhost:8000'),
  /** needed to create the demo's project when Mnemo runs with an admin key */
  MNEMO_ADMIN_API_KEY: optional,
  /** replay inside an existing project instead of a new one */
  MNEMO_API_KEY: optional,
});
type DemoEnv = z.output<typeof demoEnvSchema>;

const userId = 'user_10086';
const conversation: Message[] = [
  {
    role: 'user',
    content:
      'I want to find a good restaurant, preferably Sichuan cuisine, with an average cost of about 100 yuan per person.',
  },
  { role: 'assistant', content: 'Recommend Shuxiangyuan (95 RMB per person)' },
];
const laterQuestion =
  'The restaurant you recommended last time was good. Are there any similar ones?';
/** What the personalised context must carry for the demo to count as a success. */
const expectedInContext = ['Xiao Ming', 'Hangzhou', 'Sichuan', '100', 'Shuxiangyuan'];

interface Credentials {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

interface UserContext {
  memories: { memory: string; score: number }[];
  profile: { nickname: string | null; city: string | null; vip_level: number | null } | null;
  recent_messages: { role: string; content: string }[];
}

class MnemoApi {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string | undefined,
  ) {}

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.apiKey) headers.authorization = `Token ${this.apiKey}`;
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch((err: unknown) => {
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(
        `cannot reach Mnemo at ${this.baseUrl} (is \`npm start\` running?): ${reason}`,
      );
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

/** A project of the demo's own, so a replay starts clean; or the one of MNEMO_API_KEY. */
async function projectKey(env: DemoEnv): Promise<string> {
  if (env.MNEMO_API_KEY) return env.MNEMO_API_KEY;
  const admin = new MnemoApi(env.MNEMO_URL, env.MNEMO_ADMIN_API_KEY);
  const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const created = await admin.call<{ project_id: string; api_key: string }>(
    'POST',
    '/api/v1/admin/projects/',
    { name: `shop-demo-${stamp}` },
  );
  console.log(`project ${created.project_id} (shop-demo-${stamp})`);
  return created.api_key;
}

/** Channel B: the business writes its own table with plain SQL. */
async function upsertProfile(sql: Connection): Promise<void> {
  await sql.query(
    `INSERT INTO user_profiles (user_id, nickname, city, vip_level) VALUES (?, ?, ?, ?)
     ON DUPLICATE KEY UPDATE nickname = VALUES(nickname), city = VALUES(city),
       vip_level = VALUES(vip_level)`,
    [userId, 'Xiao Ming', 'Hangzhou', 3],
  );
  console.log(`user_profiles: ${userId} -> Xiao Ming, Hangzhou, VIP 3`);
}

/** Channel A: the Mem0 client extracts what to remember from the conversation. */
async function rememberConversation(baseUrl: string, apiKey: string): Promise<void> {
  process.env.MEM0_TELEMETRY ??= 'false';
  const { MemoryClient } = await import('mem0ai');
  const client = new MemoryClient({ apiKey, host: baseUrl });
  const added = (await client.add(conversation, { userId, asyncMode: false })) as unknown as {
    results?: { event: string; data: { memory: string } }[];
  };
  for (const result of added.results ?? [])
    console.log(`memory ${result.event}: ${result.data.memory}`);
}

async function searchLater(baseUrl: string, apiKey: string): Promise<void> {
  const { MemoryClient } = await import('mem0ai');
  const client = new MemoryClient({ apiKey, host: baseUrl });
  const found = await client.search(laterQuestion, { filters: { user_id: userId }, topK: 5 });
  for (const memory of found.results) console.log(`search hit: ${memory.memory}`);
}

function describeContext(context: UserContext): string {
  const profile = context.profile;
  const lines = [
    profile
      ? `Customer: ${profile.nickname} (VIP ${profile.vip_level}), lives in ${profile.city}`
      : 'Customer: no profile',
    'Remembered:',
    ...context.memories.map((memory) => `  - ${memory.memory}`),
    'Last conversation:',
    ...context.recent_messages.map((message) => `  ${message.role}: ${message.content}`),
  ];
  return lines.join('\n');
}

async function printJoin(sql: Connection): Promise<void> {
  const query =
    'SELECT p.city, m.memory FROM user_profiles p JOIN memories m ON m.user_id = p.user_id';
  const [rows] = await sql.query<RowDataPacket[]>(query);
  console.log(query);
  for (const row of rows) console.log(`  ${String(row.city)} | ${String(row.memory)}`);
}

async function main(): Promise<number> {
  const env = demoEnvSchema.parse(process.env);
  console.log(`Mnemo demo against ${env.MNEMO_URL}`);
  const apiKey = await projectKey(env);
  const api = new MnemoApi(env.MNEMO_URL, apiKey);

  step('Channel B: the project SQL account writes the customer profile');
  const credentials = await api.call<Credentials>('POST', '/v1/structured/credentials/');
  console.log(
    `mysql://${credentials.user}@${credentials.host}:${credentials.port}/${credentials.database}`,
  );
  const sql = await createConnection(credentials);
  try {
    await upsertProfile(sql);

    step('Channel A: the Mem0 client remembers the restaurant conversation');
    await rememberConversation(env.MNEMO_URL, apiKey);
    const sessionId = `restaurant-${Date.now()}`;
    await api.call('POST', `/v1/structured/sessions/${sessionId}/messages/`, {
      user_id: userId,
      messages: conversation,
    });
    console.log(`session ${sessionId}: ${conversation.length} messages recorded`);

    step(`Three days later: "${laterQuestion}"`);
    await searchLater(env.MNEMO_URL, apiKey);
    const context = await api.call<UserContext>('POST', '/v1/context/', {
      user_id: userId,
      query: laterQuestion,
      top_k: 5,
    });
    const described = describeContext(context);
    console.log(`\nPersonalised context for the reply:\n${described}`);

    step('One database: SQL joins the profile with the memories');
    await printJoin(sql);

    const missing = expectedInContext.filter((term) => !described.includes(term));
    if (missing.length > 0) {
      console.error(`\nThe context lacks: ${missing.join(', ')}`);
      return 1;
    }
    console.log('\nThe context carries the nickname, city, cuisine, budget and the restaurant.');
    return 0;
  } finally {
    await sql.end();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
