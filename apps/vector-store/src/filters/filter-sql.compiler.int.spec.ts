import { createConnection, type Connection, type RowDataPacket } from 'mysql2/promise';
import { parseFilters, type FilterDialect } from '@mnemo/contracts';
import { compileFilter } from './filter-sql.compiler';

const databaseUrl = process.env.MNEMO_MYSQL_URL;
const database = `mnemo_filters_test_${process.pid}_${Date.now()}`;

type Row = [
  id: string,
  userId: string | null,
  agentId: string | null,
  memory: string,
  metadata: object | null,
  categories: string[] | null,
  createdAt: string,
  expirationDate?: string | null,
  extra?: { appId?: string; runId?: string; actorId?: string; role?: string },
];

// prettier-ignore
const rows: Row[] = [
  ['m01', 'alice', null, 'Alice likes Python and hiking', { score: 5, lang: 'en', active: true, tags: ['work', 'Urgent'] }, ['hobbies', 'personal_finance'], '2024-07-01 08:00:00.000'],
  ['m02', 'Alice', null, 'ALICE uses PYTHON', { score: 5.5, lang: 'EN' }, ['work'], '2024-07-15 12:00:00.000'],
  ['m03', 'bob', 'travel-agent', 'Bob flies to Paris', { score: '5', active: false }, ['travel'], '2024-07-31 23:59:59.999', '2024-12-31'],
  ['m04', null, 'travel-agent', 'Agent note: 100% sure_thing', { score: 10, lang: null }, [], '2024-08-01 00:00:00.000', '2025-01-01'],
  ['m05', null, 'sports-agent', 'Sports: Δelta café', { team: 'Ünïcode', 'dotted.key': 'yes', 'quote"key': 1 }, null, '2024-06-30 23:59:59.999', null, { appId: 'app1' }],
  ['m06', 'alice', null, 'run scoped memory', null, ['Personal_Finance'], '2024-09-10 10:00:00.000', null, { runId: 'run-1' }],
  ['m07', 'carol', null, 'carol café', { score: -2, nested: { a: 1 } }, ['food'], '2023-01-01 00:00:00.000', null, { appId: 'app1' }],
  ['m08', 'dave', null, 'Δ unicode only', { lang: 'fr', tags: ['urgent'] }, null, '2024-07-20 09:30:00.000'],
  ['m09', 'ålice', null, 'accent', null, null, '2024-07-02 00:00:00.000'],
  ['m10', 'eve', null, '50% off_sale', { active: 'true' }, null, '2024-05-05 05:05:05.005'],
  ['m11', 'eve', null, 'Percent sign % here', { score: 1e2 }, null, '2024-05-06 00:00:00.000'],
  ['m12', 'frank', null, 'underscore a_b', { k: 'a_b' }, ['a_b'], '2024-10-01 00:00:00.000'],
  ['m13', 'frank', null, 'underscore axb', { k: 'axb' }, ['axb'], '2024-10-02 00:00:00.000'],
  ['m14', 'gina', null, 'role row', null, null, '2024-11-11 11:11:11.111', null, { actorId: 'actor1', role: 'user' }],
  ['m15', 'gina', null, 'expiring', null, null, '2024-12-01 00:00:00.000', '2024-07-01'],
];
const allIds = rows.map(([id]) => id);
const except = (...ids: string[]) => allIds.filter((id) => !ids.includes(id));

type Case = [name: string, dialect: FilterDialect, filters: object, expected: string[]];

// prettier-ignore
const cases: Case[] = [
  ['entity eq is exact (case and accents)', 'platform', { user_id: 'alice' }, ['m01', 'm06']],
  ['entity in', 'platform', { user_id: { in: ['Alice', 'bob'] } }, ['m02', 'm03']],
  ['entity ne matches nulls', 'platform', { user_id: { ne: 'alice' } }, except('m01', 'm06')],
  ['entity *', 'platform', { user_id: '*' }, except('m04', 'm05')],
  ['entity * with NOT', 'platform', { agent_id: '*', NOT: { agent_id: 'sports-agent' } }, ['m03', 'm04']],
  ['app and run ids', 'platform', { OR: [{ app_id: 'app1' }, { run_id: 'run-1' }] }, ['m05', 'm06', 'm07']],
  ['a month of days', 'platform', { created_at: { gte: '2024-07-01', lte: '2024-07-31' } }, ['m01', 'm02', 'm03', 'm08', 'm09']],
  ['a bare day', 'platform', { created_at: '2024-07-31' }, ['m03']],
  ['gt a day starts the next day', 'platform', { created_at: { gt: '2024-07-31' } }, ['m04', 'm06', 'm12', 'm13', 'm14', 'm15']],
  ['lt an instant', 'platform', { created_at: { lt: '2024-07-01T08:00:00Z' } }, ['m05', 'm07', 'm10', 'm11']],
  ['lte an instant with offset', 'platform', { created_at: { lte: '2024-07-01T10:00:00+02:00' } }, ['m01', 'm05', 'm07', 'm10', 'm11']],
  ['timestamp ne a day', 'platform', { timestamp: { ne: '2024-07-31' } }, except('m03')],
  ['dates in', 'platform', { created_at: { in: ['2024-07-01', '2024-07-02'] } }, ['m01', 'm09']],
  ['updated_at', 'platform', { updated_at: { gte: '2025-01-01' } }, ['m01']],
  ['expiration gte', 'platform', { expiration_date: { gte: '2025-01-01' } }, ['m04']],
  ['expiration ne matches nulls', 'platform', { expiration_date: { ne: '2024-12-31' } }, except('m03')],
  ['expiration *', 'platform', { expiration_date: '*' }, ['m03', 'm04', 'm15']],
  ['expiration by the day of an instant', 'platform', { expiration_date: { lt: '2024-12-31T23:00:00Z' } }, ['m15']],
  ['categories in', 'platform', { categories: { in: ['work', 'travel'] } }, ['m02', 'm03']],
  ['categories empty in', 'platform', { categories: { in: [] } }, []],
  ['categories contains ignores case', 'platform', { categories: { contains: 'FIN' } }, ['m01', 'm06']],
  ['categories contains escapes _', 'platform', { categories: { contains: 'a_b' } }, ['m12']],
  ['categories *', 'platform', { categories: '*' }, ['m01', 'm02', 'm03', 'm06', 'm07', 'm12', 'm13']],
  ['categories nin matches nulls', 'oss', { categories: { nin: ['work'] } }, except('m02')],
  ['keywords contains is case-sensitive', 'platform', { keywords: { contains: 'Python' } }, ['m01']],
  ['keywords icontains', 'platform', { keywords: { icontains: 'python' } }, ['m01', 'm02']],
  ['keywords % is literal', 'platform', { keywords: { contains: '%' } }, ['m04', 'm10', 'm11']],
  ['keywords _ is literal', 'platform', { keywords: { contains: '_' } }, ['m04', 'm10', 'm12']],
  ['keywords icontains unicode', 'platform', { keywords: { icontains: 'CAFÉ' } }, ['m05', 'm07']],
  ['keywords keep accents', 'platform', { keywords: { icontains: 'cafe' } }, []],
  ['keywords unicode contains', 'platform', { keywords: { contains: 'Δ' } }, ['m05', 'm08']],
  ['text eq', 'platform', { text: 'run scoped memory' }, ['m06']],
  ['memory_ids', 'platform', { memory_ids: ['m01', 'm03', 'nope'] }, ['m01', 'm03']],
  ['memory_ids empty', 'platform', { memory_ids: [] }, []],
  ['metadata number', 'platform', { metadata: { score: 5 } }, ['m01']],
  ['metadata string is not a number', 'platform', { metadata: { score: '5' } }, ['m03']],
  ['metadata boolean true', 'platform', { metadata: { active: true } }, ['m01']],
  ['metadata boolean false', 'platform', { metadata: { active: false } }, ['m03']],
  ['metadata "true" string', 'platform', { metadata: { active: 'true' } }, ['m10']],
  ['metadata ne matches missing and null', 'platform', { metadata: { lang: { ne: 'en' } } }, except('m01')],
  ['metadata * skips JSON null', 'platform', { metadata: { lang: '*' } }, ['m01', 'm02', 'm08']],
  ['metadata dotted key', 'platform', { metadata: { 'dotted.key': 'yes' } }, ['m05']],
  ['metadata quoted key', 'platform', { metadata: { 'quote"key': 1 } }, ['m05']],
  ['metadata unicode value', 'platform', { metadata: { team: 'Ünïcode' } }, ['m05']],
  ['metadata strings are exact', 'platform', { metadata: { team: 'unicode' } }, []],
  ['metadata array contains', 'platform', { metadata: { tags: { contains: 'urgent' } } }, ['m08']],
  ['metadata array icontains', 'oss', { tags: { icontains: 'URGENT' } }, ['m01', 'm08']],
  ['metadata string contains _', 'platform', { metadata: { k: { contains: '_' } } }, ['m12']],
  ['metadata gt number', 'oss', { score: { gt: 5 } }, ['m02', 'm04', 'm11']],
  ['metadata lte number', 'oss', { score: { lte: 5 } }, ['m01', 'm07']],
  ['metadata in mixed types', 'oss', { score: { in: [5, '5'] } }, ['m01', 'm03']],
  ['metadata nin', 'oss', { score: { nin: [5] } }, except('m01')],
  ['metadata gte string', 'oss', { lang: { gte: 'en' } }, ['m01', 'm08']],
  ['oss unknown key is metadata', 'oss', { lang: 'fr' }, ['m08']],
  ['oss actor and role', 'oss', { actor_id: 'actor1', role: 'user' }, ['m14']],
  ['OR', 'platform', { OR: [{ user_id: 'bob' }, { agent_id: { in: ['sports-agent'] } }] }, ['m03', 'm05']],
  ['NOT list', 'platform', { NOT: [{ user_id: 'alice' }, { user_id: '*' }] }, ['m04', 'm05']],
  ['NOT matches nulls', 'platform', { NOT: { user_id: 'alice' } }, except('m01', 'm06')],
  ['AND and OR siblings', 'platform', { AND: [{ user_id: { in: ['alice', 'bob'] } }], OR: [{ categories: { in: ['travel'] } }, { metadata: { score: 5 } }], }, ['m01', 'm03']],
  ['NOT of a missing key', 'platform', { AND: [{ user_id: 'eve' }, { NOT: { metadata: { active: '*' } } }] }, ['m11']],
  ['empty filters', 'platform', {}, allIds],
];

async function seed(connection: Connection): Promise<void> {
  await connection.query(`CREATE TABLE memories (
    project_id VARCHAR(64) NOT NULL, id CHAR(36) NOT NULL, memory TEXT NOT NULL, hash CHAR(32) NOT NULL,
    metadata JSON NULL, categories JSON NULL, user_id VARCHAR(255) NULL, agent_id VARCHAR(255) NULL,
    app_id VARCHAR(255) NULL, run_id VARCHAR(255) NULL, actor_id VARCHAR(255) NULL, role VARCHAR(64) NULL,
    embedding MEDIUMBLOB NOT NULL, embedding_model VARCHAR(128) NOT NULL, expiration_date DATE NULL,
    created_at DATETIME(3) NOT NULL, updated_at DATETIME(3) NOT NULL, PRIMARY KEY (project_id, id),
    KEY memories_user (project_id, user_id)
  ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`);
  for (const [
    id,
    userId,
    agentId,
    memory,
    metadata,
    categories,
    createdAt,
    expiration,
    extra,
  ] of rows) {
    const updatedAt = id === 'm01' ? '2025-01-01 00:00:00.000' : createdAt;
    await connection.query(
      `INSERT INTO memories VALUES ('p1', ?, ?, 'h', ?, ?, ?, ?, ?, ?, ?, ?, x'00', 'test', ?, ?, ?)`,
      [
        id,
        memory,
        metadata && JSON.stringify(metadata),
        categories && JSON.stringify(categories),
        userId,
        agentId,
        extra?.appId ?? null,
        extra?.runId ?? null,
        extra?.actorId ?? null,
        extra?.role ?? null,
        expiration ?? null,
        createdAt,
        updatedAt,
      ],
    );
  }
}

function compiled(dialect: FilterDialect, filters: object) {
  const { sql, params } = compileFilter(parseFilters(filters, { dialect }), { tableAlias: 'm' });
  // The compiler binds only strings and numbers.
  return { sql, params: params as Array<string | number> };
}

const select = (where: string) =>
  `SELECT m.id FROM memories m WHERE m.project_id = 'p1' AND (${where}) ORDER BY m.id`;

describe(compileFilter.name, () => {
  let plain: Connection;
  let prepared: Connection;

  beforeAll(async () => {
    if (!databaseUrl) {
      throw new Error(
        'MNEMO_MYSQL_URL is not set: start the stack (npm run stack -- up) and export it',
      );
    }
    const server = new URL(databaseUrl);
    server.pathname = '/';
    plain = await createConnection({ uri: server.toString(), charset: 'utf8mb4_unicode_ci' });
    await plain.query(
      `CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
    await plain.query(`USE \`${database}\``);
    await seed(plain);
    prepared = await createConnection({
      uri: server.toString(),
      database,
      charset: 'utf8mb4_unicode_ci',
    });
    // Server-side statements under the strictest modes: no backslash escapes, strict casts.
    await prepared.query(
      `SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_BACKSLASH_ESCAPES,ANSI_QUOTES'`,
    );
  });

  afterAll(async () => {
    await plain?.query(`DROP DATABASE IF EXISTS \`${database}\``);
    await plain?.end();
    await prepared?.end();
  });

  it.each(cases)(
    'returns exactly the expected rows for %s',
    async (_name, dialect, filters, expected) => {
      const { sql, params } = compiled(dialect, filters);
      const [viaQuery] = await plain.query<RowDataPacket[]>(select(sql), params);
      const [viaExecute] = await prepared.execute<RowDataPacket[]>(select(sql), params);
      expect(viaQuery.map((row) => String(row.id))).toEqual(expected);
      expect(viaExecute.map((row) => String(row.id))).toEqual(expected);
    },
  );

  it('deletes exactly the matching rows when a numeric filter meets string values in strict mode', async () => {
    const { sql, params } = compiled('oss', { score: { gt: 5 } });
    await prepared.beginTransaction();
    const [result] = await prepared.execute(`DELETE m FROM memories m WHERE ${sql}`, params);
    await prepared.rollback();
    expect(result).toMatchObject({ affectedRows: 3 });
  });
});
