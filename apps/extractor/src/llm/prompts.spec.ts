import {
  agentFactExtractionPrompt,
  customFactExtractionPrompt,
  factExtractionInput,
  updateDecisionPrompt,
  userFactExtractionPrompt,
} from './prompts';

const categories = [
  { name: 'food', description: 'Food, cuisines, restaurants' },
  { name: 'misc', description: 'Anything else' },
];

describe('prompts', () => {
  // OpenAI rejects JSON mode unless a message mentions JSON.
  it('mentions JSON in every prompt used in JSON mode', () => {
    for (const prompt of [
      userFactExtractionPrompt('2026-04-20', categories),
      agentFactExtractionPrompt('2026-04-20', categories),
      customFactExtractionPrompt('Keep cities.', '2026-04-20', categories),
      updateDecisionPrompt([], ['Likes tea']),
    ]) {
      expect(prompt).toMatch(/JSON/);
    }
  });

  it('lists the categories and gives examples that use only them, as JSON', () => {
    const prompt = userFactExtractionPrompt('2026-04-20', categories);
    expect(prompt).toContain('- food: Food, cuisines, restaurants\n- misc: Anything else');
    const outputs = [...prompt.matchAll(/^Output: (.*)$/gm)].map(
      (match) => JSON.parse(match[1] ?? '') as { facts: { fact: string; categories: string[] }[] },
    );
    expect(outputs.length).toBeGreaterThan(2);
    const used = outputs.flatMap((output) => output.facts.flatMap((fact) => fact.categories));
    expect(new Set(used)).toEqual(new Set(['misc']));
  });

  it('tells the update call that memory is empty when nothing is stored', () => {
    const prompt = updateDecisionPrompt([], ['Likes tea']);

    expect(prompt).toContain('\n\nCurrent memory is empty.\n\nNew facts:\n["Likes tea"]\n\n');
    expect(prompt).not.toContain('Current memories:\n[');
  });

  it('shows only the id and text of each memory', () => {
    const shown = [{ id: '0', text: 'Likes "green" tea', realId: 'secret' }];

    expect(updateDecisionPrompt(shown, [])).toContain(
      'Current memories:\n[{"id":"0","text":"Likes \\"green\\" tea"}]',
    );
    expect(updateDecisionPrompt(shown, [])).not.toContain('secret');
  });

  it('writes one role: content line per turn', () => {
    expect(
      factExtractionInput([
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hi' },
      ]),
    ).toBe('Input:\nsystem: Be brief.\nuser: Hi');
  });
});
