import { addScope, missingAddScope, toAddInput, waitsForResult } from './platform-add.mapping';
import { platformAddSchema } from './platform-memories.schemas';

const parse = (body: unknown) => platformAddSchema.parse(body);

describe(toAddInput.name, () => {
  it('wraps a bare string as one user message and applies the defaults', () => {
    expect(toAddInput('p1', parse({ messages: 'I like tea', user_id: 'u' }), {})).toEqual({
      projectId: 'p1',
      scope: { userId: 'u' },
      messages: [{ role: 'user', content: 'I like tea' }],
      metadata: {},
      expirationDate: null,
      infer: true,
      prompt: undefined,
      customCategories: undefined,
      tracked: true,
    });
  });

  it("prefers the request's instructions and categories over the project's", () => {
    const project = { customInstructions: 'project', customCategories: [{ p: 'project' }] };
    const own = parse({
      messages: [{ role: 'user', content: 'x', name: 'ann' }],
      agent_id: 'a',
      custom_instructions: 'request',
      custom_categories: [{ r: 'request' }],
    });
    expect(toAddInput('p', own, project)).toMatchObject({
      messages: [{ role: 'user', content: 'x', name: 'ann' }],
      prompt: 'request',
      customCategories: [{ r: 'request' }],
    });
    expect(toAddInput('p', parse({ messages: 'x', agent_id: 'a' }), project)).toMatchObject({
      prompt: 'project',
      customCategories: [{ p: 'project' }],
    });
  });

  it('keeps the text parts of multimodal content', () => {
    const body = parse({
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Look at this' },
            { type: 'image_url', image_url: { url: 'x' } },
          ],
        },
      ],
      user_id: 'u',
    });
    expect(toAddInput('p', body, {}).messages).toEqual([{ role: 'user', content: 'Look at this' }]);
  });
});

describe(addScope.name, () => {
  it('takes ids from filters, top-level ids winning', () => {
    expect(
      addScope(parse({ messages: 'x', filters: { AND: [{ user_id: 'f' }, { run_id: 'r' }] } })),
    ).toEqual({
      userId: 'f',
      runId: 'r',
    });
    expect(addScope(parse({ messages: 'x', user_id: 't', filters: { user_id: 'f' } }))).toEqual({
      userId: 't',
    });
  });

  it('rejects an add without any entity id, or with two ids of one kind', () => {
    expect(() => addScope(parse({ messages: 'x' }))).toThrow(missingAddScope);
    expect(() =>
      addScope(parse({ messages: 'x', filters: { user_id: { in: ['a', 'b'] } } })),
    ).toThrow('An add belongs to one user_id; filters name 2 (a, b).');
  });
});

describe(waitsForResult.name, () => {
  it('waits only for async_mode:false or infer:false', () => {
    expect(waitsForResult(parse({ messages: 'x' }))).toBe(false);
    expect(waitsForResult(parse({ messages: 'x', async_mode: false }))).toBe(true);
    expect(waitsForResult(parse({ messages: 'x', infer: false }))).toBe(true);
  });
});
