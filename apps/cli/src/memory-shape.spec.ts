import { matchesScope, memoriesOfExport, toExportedMemory, toImportItem } from './memory-shape';

describe('toImportItem', () => {
  it('takes a Python MemoryClient.getAll() item, dropping what the import does not keep', () => {
    const item = {
      id: '0b6a0d2e-1d6f-4a5b-9a43-3c4c1d2e3f40',
      memory: 'Likes tea',
      user_id: 'alice',
      agent_id: null,
      app_id: null,
      run_id: 'r1',
      hash: 'abc',
      metadata: { source: 'chat' },
      categories: ['food'],
      immutable: false,
      expiration_date: null,
      created_at: '2024-07-26T23:02:24.393271-07:00',
      updated_at: '2024-07-27T01:00:00-07:00',
    };
    expect(toImportItem(item)).toEqual({
      item: {
        id: item.id,
        memory: 'Likes tea',
        user_id: 'alice',
        run_id: 'r1',
        metadata: { source: 'chat' },
        categories: ['food'],
        created_at: item.created_at,
        updated_at: item.updated_at,
      },
    });
  });

  it("reads the JS SDK's camelCase, a v3 list's session_id and an add result's data.memory", () => {
    expect(
      toImportItem({
        id: 7,
        data: { memory: 'Plays chess' },
        userId: 'bob',
        agentId: 'a',
        appId: 'x',
        sessionId: 's',
        createdAt: 1_700_000_000,
        expirationDate: '2099-01-01',
      }),
    ).toEqual({
      item: {
        id: '7',
        memory: 'Plays chess',
        user_id: 'bob',
        agent_id: 'a',
        app_id: 'x',
        run_id: 's',
        created_at: 1_700_000_000,
        expiration_date: '2099-01-01',
      },
    });
  });

  it('keeps the actor and role of an open-source server item', () => {
    expect(toImportItem({ memory: 'x', user_id: 'u', actor_id: 'u', role: 'user' })).toEqual({
      item: { memory: 'x', user_id: 'u', actor_id: 'u', role: 'user' },
    });
  });

  it('says why an entry is no memory', () => {
    expect(toImportItem('text')).toEqual({ problem: 'not a JSON object' });
    expect(toImportItem([1])).toEqual({ problem: 'not a JSON object' });
    expect(toImportItem({ user_id: 'u' })).toEqual({
      problem: 'no memory text (a "memory" string)',
    });
  });
});

describe('memoriesOfExport', () => {
  it('takes an array or an object with results', () => {
    expect(memoriesOfExport([{ memory: 'a' }])).toEqual([{ memory: 'a' }]);
    expect(memoriesOfExport({ count: 1, next: null, results: [{ memory: 'a' }] })).toEqual([
      { memory: 'a' },
    ]);
    expect(() => memoriesOfExport({ memory: 'a' })).toThrow('expected a JSON array of memories');
  });
});

describe('toExportedMemory', () => {
  it('writes the getAll() shape: run_id (a v3 session_id), nulls for what is not set', () => {
    expect(
      toExportedMemory({
        id: 'm1',
        memory: 'Likes tea',
        user_id: 'alice',
        agent_id: null,
        app_id: null,
        session_id: 'r1',
        metadata: null,
        categories: ['food'],
        structured_attributes: {},
        created_at: '2026-01-01T00:00:00.000Z',
        updated_at: '2026-01-02T00:00:00.000Z',
        expiration_date: null,
      }),
    ).toEqual({
      id: 'm1',
      memory: 'Likes tea',
      user_id: 'alice',
      agent_id: null,
      app_id: null,
      run_id: 'r1',
      metadata: null,
      categories: ['food'],
      created_at: '2026-01-01T00:00:00.000Z',
      updated_at: '2026-01-02T00:00:00.000Z',
      expiration_date: null,
    });
  });
});

describe('matchesScope', () => {
  it('wants every named scope', () => {
    const item = { memory: 'x', user_id: 'u', agent_id: 'a' };
    expect(matchesScope(item, {})).toBe(true);
    expect(matchesScope(item, { user_id: 'u', agent_id: 'a' })).toBe(true);
    expect(matchesScope(item, { user_id: 'u', run_id: 'r' })).toBe(false);
  });
});
