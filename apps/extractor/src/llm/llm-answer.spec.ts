import { normaliseMemoryText, parseJsonAnswer, stripCodeFence } from './llm-answer';

describe(parseJsonAnswer.name, () => {
  it.each([
    ['a bare object', '{"facts": ["a"]}'],
    ['a fenced object', '```json\n{"facts": ["a"]}\n```'],
    ['an object between prose', 'Here it is: {"facts": ["a"]} Hope that helps.'],
    ['an object after a reasoning block', '<think>{"draft": true}</think>\n{"facts": ["a"]}'],
  ])('reads %s', (_name, text) => {
    expect(parseJsonAnswer(text)).toEqual({ ok: true, value: { facts: ['a'] } });
  });

  it('reads a list between prose', () => {
    expect(parseJsonAnswer('Facts: ["a", "b"].')).toEqual({ ok: true, value: ['a', 'b'] });
  });

  it('reports an empty answer', () => {
    expect(parseJsonAnswer(' <think>hm</think> \n')).toEqual({ ok: false, fault: 'empty_answer' });
  });

  it('reports text that holds no JSON', () => {
    expect(parseJsonAnswer('{facts: a}')).toEqual({ ok: false, fault: 'invalid_json' });
  });
});

describe(stripCodeFence.name, () => {
  it('removes a fence around the whole answer only', () => {
    expect(stripCodeFence('```text\nStep 1\n```')).toBe('Step 1');
    expect(stripCodeFence('Step 1:\n```\nls\n```')).toBe('Step 1:\n```\nls\n```');
  });
});

describe(normaliseMemoryText.name, () => {
  it('ignores case, spacing and a final full stop', () => {
    expect(normaliseMemoryText('  Likes   Green Tea. ')).toBe('likes green tea');
    expect(normaliseMemoryText('喜欢川菜。')).toBe('喜欢川菜');
  });
});
