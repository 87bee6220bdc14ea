import { importedId, nameUuid, parseTime, prepareImport } from './imported-memory';

const now = new Date('2026-06-01T12:00:00.000Z');

describe('parseTime', () => {
  it.each([
    ['2024-07-26T23:02:24.393271-07:00', '2024-07-27T06:02:24.393Z'],
    ['2024-07-26T23:02:24Z', '2024-07-26T23:02:24.000Z'],
    ['2024-07-26 23:02:24.5', '2024-07-26T23:02:24.500Z'],
    ['2024-07-26T23:02:24+0530', '2024-07-26T17:32:24.000Z'],
    ['2024-07-26T23:02', '2024-07-26T23:02:00.000Z'],
    ['2024-07-26', '2024-07-26T00:00:00.000Z'],
    [1_700_000_000, '2023-11-14T22:13:20.000Z'],
    [1_700_000_000_123, '2023-11-14T22:13:20.123Z'],
  ])('reads %p', (input, expected) => {
    expect(parseTime(input)?.toISOString()).toBe(expected);
  });

  it.each(['yesterday', '2025-02-30T00:00:00Z', '2025-01-01T24:00:00Z', '0999-01-01', ''])(
    'refuses %p',
    (input) => {
      expect(parseTime(input)).toBeNull();
    },
  );
});

describe('importedId', () => {
  const scope = { userId: 'alice' };

  it('keeps a UUID, lower-cased', () => {
    const id = 'ABCDEF01-2345-4678-9ABC-DEF012345678';
    expect(importedId({ id, memory: 'x' }, scope, undefined)).toEqual({ id: id.toLowerCase() });
  });

  it('derives one from an id that is not a UUID, and says which it was', () => {
    const derived = importedId({ id: 'mem-42', memory: 'x' }, scope, undefined);
    expect(derived).toEqual({ id: nameUuid('id\u0000mem-42'), sourceId: 'mem-42' });
    expect(derived.id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('derives one from the text, scope and created_at when there is none: the same each time', () => {
    const at = new Date('2024-01-01T00:00:00Z');
    const first = importedId({ memory: 'Likes tea' }, scope, at);
    expect(importedId({ memory: 'Likes tea' }, scope, at)).toEqual(first);
    expect(importedId({ memory: 'Likes tea' }, { userId: 'bob' }, at)).not.toEqual(first);
    expect(importedId({ memory: 'Likes tea' }, scope, undefined)).not.toEqual(first);
  });
});

describe('prepareImport', () => {
  it('fills missing times: created_at now, updated_at as created_at', () => {
    const prepared = prepareImport({ memory: 'x', agent_id: 'a', created_at: null }, 3, now);
    expect(prepared).toEqual({
      ok: true,
      item: expect.objectContaining({
        index: 3,
        scope: { agentId: 'a' },
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
        expirationDate: null,
      }),
    });
  });

  it('keeps what a Platform export holds and drops what it does not use', () => {
    const prepared = prepareImport(
      {
        id: '0b6a0d2e-1d6f-4a5b-9a43-3c4c1d2e3f40',
        memory: 'Likes tea',
        user_id: 'u',
        agent_id: null,
        app_id: 'app',
        run_id: 'r',
        metadata: { k: 1 },
        categories: ['food'],
        created_at: '2024-07-26T23:02:24.393271-07:00',
        updated_at: '2024-07-27T00:00:00-07:00',
        expiration_date: '2099-01-01',
        hash: 'ignored',
        immutable: false,
      },
      0,
      now,
    );
    expect(prepared).toEqual({
      ok: true,
      item: {
        index: 0,
        id: '0b6a0d2e-1d6f-4a5b-9a43-3c4c1d2e3f40',
        sourceId: undefined,
        text: 'Likes tea',
        scope: { userId: 'u', appId: 'app', runId: 'r' },
        metadata: { k: 1 },
        categories: ['food'],
        expirationDate: '2099-01-01',
        actorId: undefined,
        role: undefined,
        createdAt: '2024-07-27T06:02:24.393Z',
        updatedAt: '2024-07-27T07:00:00.000Z',
      },
    });
  });

  it.each([
    [{ memory: '' }, 'memory: must not be empty'],
    [{ memory: 'x' }, 'needs at least one of user_id, agent_id, app_id or run_id'],
    [{ memory: 'x', user_id: 'u', updated_at: 'soon' }, 'updated_at: not a date and time'],
    [
      { memory: 'x', user_id: 'u', metadata: [1] },
      'metadata: Invalid input: expected record, received array',
    ],
    [{ user_id: 'u' }, 'memory: Invalid input: expected string, received undefined'],
  ])('fails %p alone, with a reason', (raw, reason) => {
    expect(prepareImport(raw, 0, now)).toEqual({ ok: false, reason });
  });
});
