import type { DataSource } from 'typeorm';
import { openSpecDatabase, type SpecDatabase } from '../database/spec-database.fixture';
import { MemoryVersionsRepository } from './memory-versions.repository';

describe(MemoryVersionsRepository.name, () => {
  let spec: SpecDatabase;
  let dataSource: DataSource;

  beforeAll(async () => {
    spec = await openSpecDatabase('versions');
    dataSource = spec.dataSource;
  });
  afterAll(() => spec?.drop());

  /** The repository over the spec database, counting its reads and holding each one's answer
   * until `release` (the read itself runs at once). */
  function heldRepository() {
    const held: (() => void)[] = [];
    let reads = 0;
    const wrapped = {
      query: async (sql: string, parameters?: unknown[]) => {
        reads++;
        const rows: unknown = await dataSource.query(sql, parameters);
        await new Promise<void>((resolve) => held.push(resolve));
        return rows;
      },
    } as unknown as DataSource;
    const release = async () => {
      for (let tries = 0; tries < 200 && held.length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      held.splice(0).forEach((resume) => resume());
    };
    return { repository: new MemoryVersionsRepository(wrapped), reads: () => reads, release };
  }

  const bump = (projectId: string) =>
    dataSource.transaction((manager) =>
      new MemoryVersionsRepository(dataSource).bump(manager, projectId),
    );

  it('answers concurrent searches of a project with one read per round trip', async () => {
    await bump('shared');
    const { repository, reads, release } = heldRepository();
    const first = repository.current('shared');
    const waiting = Array.from({ length: 40 }, () => repository.current('shared'));
    await release();
    const version = (await first).version;
    await release();
    const answers = await Promise.all(waiting);
    expect(answers.map((answer) => answer.version)).toEqual(waiting.map(() => version));
    expect(reads()).toBe(2);
    // Another project reads on its own.
    const other = repository.current('other');
    await release();
    expect((await other).version).toBe(0);
    expect(reads()).toBe(3);
  });

  it('never answers a search with a read that began before it: a write it followed is seen', async () => {
    const before = await bump('fresh');
    const { repository, release } = heldRepository();
    const early = repository.current('fresh');
    // The early read has run; a write commits; a search that begins now must see it.
    const written = await bump('fresh');
    const late = repository.current('fresh');
    await release();
    expect((await early).version).toBe(before);
    await release();
    expect((await late).version).toBe(written);
    expect(written).toBe(before + 1);
  });
});
