import { inputLimits } from '@mnemo/contracts';
import { findInputProblem } from './input-walk';

describe('findInputProblem', () => {
  it('passes ordinary and odd-but-valid input', () => {
    expect(
      findInputProblem({ messages: [{ role: 'user', content: '👩‍👩‍👧 \u202e a\u0000b' }], n: 1 }),
    ).toBeUndefined();
  });

  it('names where a lone surrogate sits, in a value or a key', () => {
    expect(findInputProblem({ messages: [{ content: 'x' }, { content: 'a\ud800' }] })).toEqual({
      path: ['messages', 1, 'content'],
      message: 'must be valid UTF-16 text (lone surrogates are refused)',
    });
    expect(findInputProblem({ metadata: { 'k\udc00': 1 } })).toEqual({
      path: ['metadata'],
      message: 'has a key that must be valid UTF-16 text (lone surrogates are refused)',
    });
  });

  it('stops walking past the node limit, however deep or wide', () => {
    const many = Object.fromEntries(
      Array.from({ length: inputLimits.requestNodes }, (_, i) => [`k${i}`, i]),
    );
    expect(findInputProblem(many)?.message).toBe(
      `must hold at most ${inputLimits.requestNodes} values`,
    );
    let deep: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) deep = { a: deep };
    expect(findInputProblem(deep)?.message).toBe(
      `must hold at most ${inputLimits.requestNodes} values`,
    );
  });
});
