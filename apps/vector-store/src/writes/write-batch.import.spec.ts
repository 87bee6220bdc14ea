import type { MemoryWriteCommand } from '@mnemo/contracts';
import { MemoryEntity } from '../memories/memory.entity';
import { md5, scopeKey } from '../memories/scope-key';
import { planWrites, rowKey, textKey, type WriteView } from './write-batch.planner';
import { commandUnit, type WriteUnit } from './write-unit';

const now = new Date('2026-06-01T12:00:00.000Z');
const created = '2024-07-27T06:02:24.393Z';
const updated = '2024-08-01T00:00:00.000Z';
const vector = { vector: Float32Array.of(1, 0), model: 'm' };
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

function stored(memoryId: string, text: string, userId = 'alice'): MemoryEntity {
  return Object.assign(new MemoryEntity(), {
    projectId: 'p1',
    id: memoryId,
    memory: text,
    hash: md5(text),
    metadata: null,
    categories: [],
    userId,
    agentId: null,
    appId: null,
    runId: null,
    scopeKey: scopeKey({ userId }),
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

/** An import command as the gateway sends it, its changes given their vectors. */
function imports(...ops: { id: string; text: string; userId?: string }[]): WriteUnit {
  const command: MemoryWriteCommand = {
    eventId: 'e1',
    projectId: 'p1',
    occurredAt: now.toISOString(),
    scope: {},
    metadata: {},
    expirationDate: null,
    ops: ops.map((op) => ({
      op: 'IMPORT' as const,
      id: op.id,
      text: op.text,
      scope: { userId: op.userId ?? 'alice', agentId: 'helper' },
      metadata: { source: 'mem0' },
      categories: ['food'],
      expirationDate: '2099-12-31',
      role: 'user',
      actorId: 'alice',
      createdAt: created,
      updatedAt: updated,
    })),
  };
  const unit = commandUnit(command);
  for (const change of unit.changes) if (change.kind === 'add') change.embedded = vector;
  return unit;
}

describe('planWrites: imported memories', () => {
  it('keeps the id, scope, metadata, categories and times, and dates the ADD when it was made', () => {
    const plan = planWrites([imports({ id: id(1), text: 'Likes tea' })], viewOf(), () =>
      now.getTime(),
    );
    expect(plan.inserts).toEqual([
      expect.objectContaining({
        id: id(1),
        memory: 'Likes tea',
        userId: 'alice',
        agentId: 'helper',
        metadata: { source: 'mem0' },
        categories: ['food'],
        expirationDate: '2099-12-31',
        role: 'user',
        actorId: 'alice',
        createdAt: new Date(created),
        updatedAt: new Date(updated),
      }),
    ]);
    expect(plan.history).toEqual([
      expect.objectContaining({
        memoryId: id(1),
        event: 'ADD',
        oldMemory: null,
        newMemory: 'Likes tea',
        at: new Date(created),
      }),
    ]);
    expect(plan.events.map((event) => event.payload.type)).toEqual([
      'memory.created',
      'memory.categorized',
    ]);
    expect(plan.outcomes[0].results).toEqual([
      { id: id(1), memory: 'Likes tea', event: 'ADD', actorId: 'alice', role: 'user' },
    ]);
    expect(plan.changes.get('p1')?.upserts.map((memory) => memory.record.id)).toEqual([id(1)]);
  });

  it('answers NONE, never overwriting, for an id the project holds or a text its scope holds', () => {
    const view = viewOf(stored(id(1), 'Old text'), stored(id(9), 'Likes jazz'));
    // the scope key of the stored rows is alice's alone: give the import the same scope
    view.holders.set(
      textKey('p1', scopeKey({ userId: 'alice', agentId: 'helper' }), md5('Likes jazz')),
      id(9),
    );
    const plan = planWrites(
      [
        imports(
          { id: id(1), text: 'New text' },
          { id: id(2), text: 'Likes jazz' },
          { id: id(3), text: 'Likes rain' },
          { id: id(3), text: 'Likes rain, again' },
        ),
      ],
      view,
      () => now.getTime(),
    );
    expect(plan.outcomes[0].results.map((r) => [r.event, r.id, r.memory])).toEqual([
      ['NONE', id(1), 'New text'],
      ['NONE', id(9), 'Likes jazz'],
      ['ADD', id(3), 'Likes rain'],
      ['NONE', id(3), 'Likes rain, again'],
    ]);
    expect(plan.inserts.map((row) => row.id)).toEqual([id(3)]);
    expect(plan.updates).toEqual([]);
    expect(plan.history).toHaveLength(1);
    expect(plan.applied).toEqual([
      { projectId: 'p1', eventId: 'e1', results: plan.outcomes[0].results },
    ]);
  });
});
