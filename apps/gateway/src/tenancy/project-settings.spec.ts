import { applyProjectUpdate, extractionSettingsOf, hasProjectUpdate } from './project-settings';

describe(applyProjectUpdate.name, () => {
  it('sets the given keys, keeps the others, and stores usecase_setting as usecase', () => {
    const next = applyProjectUpdate(
      { custom_instructions: 'old', multilingual: true },
      { custom_instructions: 'new', usecase_setting: 'support bot' },
    );
    expect(next).toEqual({
      custom_instructions: 'new',
      multilingual: true,
      usecase: 'support bot',
    });
  });

  it('clears an instruction given as an empty string or null', () => {
    const current = { custom_instructions: 'a', agent_custom_instructions: 'b' };
    expect(
      applyProjectUpdate(current, { agent_custom_instructions: '', custom_instructions: null }),
    ).toEqual({ custom_instructions: null, agent_custom_instructions: null });
  });
});

describe(extractionSettingsOf.name, () => {
  it('passes on non-empty instructions and categories only', () => {
    expect(
      extractionSettingsOf({
        custom_instructions: 'Only food.',
        custom_categories: [{ food: 'What the user eats' }],
        multilingual: true,
      }),
    ).toEqual({
      customInstructions: 'Only food.',
      customCategories: [{ food: 'What the user eats' }],
    });
    expect(extractionSettingsOf({ custom_instructions: '  ', custom_categories: [] })).toEqual({});
  });
});

describe(hasProjectUpdate.name, () => {
  it('is false when no setting is given', () => {
    expect(hasProjectUpdate({})).toBe(false);
    expect(hasProjectUpdate({ decay: false })).toBe(true);
  });
});
