import { memoryEventSchema, type MemoryRecord } from '@mnemo/contracts';
import {
  memoryCreatedEvents,
  memoryDeletedEvents,
  memoryUpdatedEvents,
} from './memory-event.builder';

const at = new Date('2025-03-04T05:06:07.089Z');

const record: MemoryRecord = {
  id: '7f1d1c1e-0000-4000-8000-000000000001',
  projectId: 'proj_a',
  memory: 'Likes green tea',
  hash: 'ignored-by-events',
  metadata: { source: 'chat' },
  categories: [],
  userId: 'alice',
  agentId: null,
  appId: 'app-1',
  runId: null,
  actorId: 'alice',
  role: 'user',
  expirationDate: '2026-01-01',
  createdAt: '2025-03-01T00:00:00.000Z',
  updatedAt: '2025-03-01T00:00:00.000Z',
};

const eventMemory = {
  id: record.id,
  memory: 'Likes green tea',
  user_id: 'alice',
  agent_id: null,
  app_id: 'app-1',
  run_id: null,
  metadata: { source: 'chat' },
  categories: [],
  expiration_date: '2026-01-01',
  created_at: '2025-03-01T00:00:00.000Z',
  updated_at: '2025-03-01T00:00:00.000Z',
};

describe('memory event builders', () => {
  it('builds one created event with the actor, the subject of its project and its own id', () => {
    const [event, ...rest] = memoryCreatedEvents(record, {
      at,
      actor: { actorId: 'alice', role: 'user' },
    });
    expect(rest).toEqual([]);
    expect(event).toEqual({
      id: event.payload.event_id,
      projectId: 'proj_a',
      subject: 'mnemo.memory.proj_a.created.v1',
      createdAt: at,
      payload: {
        event_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        type: 'memory.created',
        project_id: 'proj_a',
        occurred_at: '2025-03-04T05:06:07.089Z',
        actor: { actor_id: 'alice', role: 'user' },
        memory: eventMemory,
      },
    });
    expect(memoryEventSchema.parse(event.payload)).toEqual(event.payload);
  });

  it('adds a categorized event when a new memory has categories', () => {
    const events = memoryCreatedEvents({ ...record, categories: ['food'] }, { at });
    expect(events.map((event) => [event.subject, event.payload.actor])).toEqual([
      ['mnemo.memory.proj_a.created.v1', null],
      ['mnemo.memory.proj_a.categorized.v1', null],
    ]);
    expect(new Set(events.map((event) => event.id)).size).toBe(2);
  });

  it('carries the previous text on an update and the state after it', () => {
    const after = { ...record, memory: 'Likes black tea', updatedAt: at.toISOString() };
    const events = memoryUpdatedEvents(record, after, { at });
    expect(events).toHaveLength(1);
    expect(events[0].payload).toMatchObject({
      type: 'memory.updated',
      actor: null,
      previous_memory: 'Likes green tea',
      memory: { ...eventMemory, memory: 'Likes black tea', updated_at: at.toISOString() },
    });
  });

  it('adds a categorized event only when the set of categories changes', () => {
    const before = { ...record, categories: ['food', 'health'] };
    const reordered = memoryUpdatedEvents(
      before,
      { ...before, categories: ['health', 'food'] },
      {
        at,
      },
    );
    expect(reordered.map((event) => event.payload.type)).toEqual(['memory.updated']);
    const changed = memoryUpdatedEvents(before, { ...before, categories: ['food'] }, { at });
    expect(changed.map((event) => event.payload.type)).toEqual([
      'memory.updated',
      'memory.categorized',
    ]);
    expect(changed[1].payload.memory.categories).toEqual(['food']);
  });

  it('sends the last state on delete, under an escaped subject for an unusual project id', () => {
    const [event] = memoryDeletedEvents({ ...record, projectId: 'a.>' }, { at });
    expect(event.subject).toBe('mnemo.memory.~612e3e.deleted.v1');
    expect(event.payload).toMatchObject({
      type: 'memory.deleted',
      project_id: 'a.>',
      memory: eventMemory,
    });
    expect(event.payload).not.toHaveProperty('previous_memory');
  });
});
