import { scopeFields, storableMessages } from './memory.schemas';
import { addCompleted, addCompletedSchema, verbatimAdds } from './subjects';

describe(scopeFields.name, () => {
  it('names the set ids as the wire does and leaves out the others', () => {
    expect(scopeFields({ userId: 'alice', runId: 'r1' })).toEqual({
      user_id: 'alice',
      run_id: 'r1',
    });
    expect(scopeFields({ agentId: 'a', appId: 'b' })).toEqual({ agent_id: 'a', app_id: 'b' });
    expect(scopeFields({})).toEqual({});
  });
});

describe(storableMessages.name, () => {
  it("keeps every message but the system's and the blank ones, in order", () => {
    const messages = [
      { role: 'system', content: 'You are helpful' },
      { role: 'user', content: 'I live in Hangzhou' },
      { role: 'assistant', content: '   ' },
      { role: 'assistant', content: 'Noted' },
    ];
    expect(storableMessages(messages).map((m) => m.content)).toEqual([
      'I live in Hangzhou',
      'Noted',
    ]);
  });
});

describe(verbatimAdds.name, () => {
  it('adds each storable message as it is, with its role and author', () => {
    const messages = [
      { role: 'system', content: 'You are helpful' },
      { role: 'user', content: 'I live in Hangzhou', name: 'alice' },
      { role: 'assistant', content: 'Noted' },
    ];
    expect(verbatimAdds(messages)).toEqual([
      { op: 'ADD', text: 'I live in Hangzhou', role: 'user', actorId: 'alice' },
      { op: 'ADD', text: 'Noted', role: 'assistant', actorId: undefined },
    ]);
  });
});

describe(addCompleted.name, () => {
  const job = { eventId: 'e1', projectId: 'p1', requestId: 'r1' };

  it('announces SUCCEEDED with the results, FAILED with the error', () => {
    const results = [{ id: 'm1', memory: 'Likes tea', event: 'ADD' as const }];
    expect(addCompleted(job, results)).toMatchObject({ ...job, status: 'SUCCEEDED', results });
    const error = { code: 'unavailable' as const, message: 'no model', retryable: true };
    expect(addCompleted(job, [], error)).toMatchObject({ ...job, status: 'FAILED', error });
    expect(addCompletedSchema.safeParse(addCompleted(job, [], error)).success).toBe(true);
  });
});
