import { MemoryEntity } from '../memories/memory.entity';
import { md5, scopeKey } from '../memories/scope-key';
import { planWrites, rowKey, textKey, type WriteView } from './write-batch.planner';
import type { MemoryChange, UpdateChange, WriteUnit } from './write-unit';

const alice = { userId: 'alice' };
const vector = { vector: Float32Array.of(1, 0), model: 'm' };
const now = new Date('2026-01-02T00:00:00.000Z');

function stored(id: string, text: string): MemoryEntity {
  return Object.assign(new MemoryEntity(), {
    projectId: 'p1',
    id,
    memory: text,
    hash: md5(text),
    metadata: null,
    categories: [],
    userId: 'alice',
    agentId: null,
    appId: null,
    runId: null,
    scopeKey: scopeKey(alice),
    actorId: null,
    role: null,
    embedding: Float32Array.of(0, 1),
    embeddingModel: 'm',
    expirationDate: null,
    createdAt: now,
    updatedAt: now,
  });
}

function viewOf(...rows: MemoryEntity[]): WriteView {
  return {
    rows: new Map(rows.map((row) => [rowKey(row.projectId, row.id), row])),
    holders: new Map(rows.map((row) => [textKey(row.projectId, row.scopeKey, row.hash), row.id])),
  };
}

const add = (text: string): MemoryChange => ({
  kind: 'add',
  text,
  scope: alice,
  metadata: {},
  categories: [],
  expirationDate: null,
  embedded: vector,
});
const update = (memoryId: string, text: string, edit = false): UpdateChange => ({
  kind: 'update',
  memoryId,
  text,
  edit,
  embedded: vector,
});
const remove = (memoryId: string): MemoryChange => ({ kind: 'delete', memoryId });
const unit = (eventId: string, ...changes: MemoryChange[]): WriteUnit => ({
  projectId: 'p1',
  eventId,
  changes,
});

describe('planWrites', () => {
  it('applies a mixed batch in order, keeping one copy of each text per scope', () => {
    const view = viewOf(stored('m1', 'Likes tea'), stored('m2', 'Lives in Hangzhou'));
    const plan = planWrites(
      [
        unit('e1', add('Likes coffee'), add('Likes tea')),
        unit('e2', add('Likes coffee')),
        unit('e3', update('m1', 'Lives in Hangzhou')),
        unit('e4', remove('m2'), add('Lives in Hangzhou')),
      ],
      view,
      () => now.getTime(),
    );
    expect(
      plan.outcomes.map((outcome) => outcome.results.map((r) => `${r.event} ${r.memory}`)),
    ).toEqual([
      ['ADD Likes coffee'],
      [],
      [],
      ['DELETE Lives in Hangzhou', 'ADD Lives in Hangzhou'],
    ]);
    expect(plan.inserts.map((row) => row.memory)).toEqual(['Likes coffee', 'Lives in Hangzhou']);
    expect(plan.deletes).toEqual([{ projectId: 'p1', id: 'm2' }]);
    expect(plan.updates).toEqual([]);
    expect(plan.history.map((h) => h.event)).toEqual(['ADD', 'DELETE', 'ADD']);
    expect(plan.events.map((e) => e.payload.type)).toEqual([
      'memory.created',
      'memory.deleted',
      'memory.created',
    ]);
    expect(plan.applied.map((a) => [a.eventId, a.results.length])).toEqual([
      ['e1', 1],
      ['e2', 0],
      ['e3', 0],
      ['e4', 2],
    ]);
  });

  it('lets a later change take a text an earlier one moved away from', () => {
    const view = viewOf(stored('m1', 'Lives in Hangzhou'), stored('m2', 'Works in Hangzhou'));
    const plan = planWrites(
      [
        unit('e1', update('m1', 'Lives in Shanghai')),
        unit('e2', update('m2', 'Lives in Hangzhou')),
      ],
      view,
      () => now.getTime(),
    );
    expect(plan.updates.map((u) => [u.id, u.changes.memory])).toEqual([
      ['m1', 'Lives in Shanghai'],
      ['m2', 'Lives in Hangzhou'],
    ]);
    expect(plan.outcomes[1].results[0]).toMatchObject({
      event: 'UPDATE',
      previousMemory: 'Works in Hangzhou',
    });
  });

  it('writes no update for a memory deleted later in the batch, and tells the index only of the delete', () => {
    const plan = planWrites(
      [unit('e1', update('m1', 'Drinks green tea')), unit('e2', remove('m1'))],
      viewOf(stored('m1', 'Likes tea')),
      () => now.getTime(),
    );
    expect(plan.updates).toEqual([]);
    expect(plan.history.map((h) => [h.event, h.oldMemory, h.newMemory])).toEqual([
      ['UPDATE', 'Likes tea', 'Drinks green tea'],
      ['DELETE', 'Drinks green tea', null],
    ]);
    expect(plan.changes.get('p1')).toEqual({ upserts: [], deletes: ['m1'] });
  });

  it('keeps the text of a direct edit another memory holds and applies the rest of the edit', () => {
    const plan = planWrites(
      [
        {
          projectId: 'p1',
          changes: [{ ...update('m1', 'Likes coffee', true), metadata: { mood: 'good' } }],
        },
      ],
      viewOf(stored('m1', 'Likes tea'), stored('m2', 'Likes coffee')),
      () => now.getTime(),
    );
    expect(plan.updates).toEqual([
      { projectId: 'p1', id: 'm1', changes: { updatedAt: now, metadata: { mood: 'good' } } },
    ]);
    expect(plan.outcomes[0].changes[0].record).toMatchObject({
      memory: 'Likes tea',
      metadata: { mood: 'good' },
    });
    expect(plan.applied).toEqual([]);
  });

  it('answers nothing for an update or delete of a memory that is not there', () => {
    const plan = planWrites([unit('e1', update('gone', 'x'), remove('gone'))], viewOf(), () =>
      now.getTime(),
    );
    expect(plan.outcomes[0]).toEqual({ results: [], changes: [{}, {}] });
    expect(plan.changes.size).toBe(0);
  });
});
