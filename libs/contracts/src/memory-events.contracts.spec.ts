import {
  memoryEventSchema,
  memoryEventSubject,
  projectMemoryEventsFilter,
  projectSubjectToken,
} from './memory-events.contracts';

describe('memoryEventSubject', () => {
  it('puts a plain project id and the event name into a versioned subject', () => {
    expect(memoryEventSubject('default', 'memory.created')).toBe('mnemo.memory.default.created.v1');
    expect(memoryEventSubject('proj_A-9', 'memory.categorized')).toBe(
      'mnemo.memory.proj_A-9.categorized.v1',
    );
  });

  it('escapes a project id that could inject subject tokens or wildcards', () => {
    expect(projectSubjectToken('a.b')).toBe('~612e62');
    expect(projectSubjectToken('*')).toBe('~2a');
    expect(projectSubjectToken('>')).toBe('~3e');
    expect(projectSubjectToken('é')).toBe('~c3a9');
    expect(memoryEventSubject('default.x', 'memory.deleted')).toBe(
      'mnemo.memory.~64656661756c742e78.deleted.v1',
    );
  });

  it('never maps two project ids to the same token', () => {
    const ids = ['a.b', '~612e62', '612e62', 'a_b', 'a-b', 'A.b'];
    expect(new Set(ids.map(projectSubjectToken)).size).toBe(ids.length);
  });

  it('rejects an empty project id', () => {
    expect(() => projectSubjectToken('')).toThrow('a project id is required');
  });
});

describe('projectMemoryEventsFilter', () => {
  it('covers every event of one project only', () => {
    expect(projectMemoryEventsFilter('default')).toBe('mnemo.memory.default.>');
    expect(projectMemoryEventsFilter('a.*')).toBe('mnemo.memory.~612e2a.>');
  });
});

describe('memoryEventSchema', () => {
  const event = {
    event_id: '0d4a2a57-5b0e-4a53-9c3e-a0b1f0c3d5e7',
    type: 'memory.updated',
    project_id: 'default',
    occurred_at: '2025-01-02T03:04:05.678Z',
    actor: null,
    memory: {
      id: 'm1',
      memory: 'Likes tea',
      user_id: 'alice',
      agent_id: null,
      app_id: null,
      run_id: null,
      metadata: { source: 'chat' },
      categories: ['food'],
      expiration_date: null,
      created_at: '2025-01-01T00:00:00.000Z',
      updated_at: '2025-01-02T03:04:05.678Z',
    },
    previous_memory: 'Likes coffee',
  };

  it('accepts a complete event', () => {
    expect(memoryEventSchema.parse(event)).toEqual(event);
  });

  it('rejects an unknown type and a time that is not ISO 8601', () => {
    const result = memoryEventSchema.safeParse({
      ...event,
      type: 'memory.touched',
      occurred_at: 'yesterday',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((issue) => issue.path.join('.'))).toEqual([
      'type',
      'occurred_at',
    ]);
  });
});
