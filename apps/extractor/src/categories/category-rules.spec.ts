import { defaultCategories } from './default-categories';
import { categoriseByRules } from './category-rules';

describe(categoriseByRules.name, () => {
  it("assigns Mem0's default categories by keywords, misc otherwise", () => {
    const assigned = categoriseByRules(
      [
        'Prefers Sichuan cuisine',
        'Lives in Hangzhou',
        'Allergic to peanuts',
        'Owns a red umbrella',
      ],
      defaultCategories,
    );
    expect(assigned[0]).toEqual(expect.arrayContaining(['food', 'user_preferences']));
    expect(assigned[1]).toEqual(['personal_details']);
    expect(assigned[2]).toEqual(['health']);
    expect(assigned[3]).toEqual(['misc']);
  });

  it('uses the words of custom categories and leaves unmatched texts without one', () => {
    const custom = [
      { name: 'pets', description: 'Dogs, cats and other animals the user has' },
      { name: 'budget', description: 'How much the user wants to spend' },
    ];
    expect(
      categoriseByRules(['Has two cats', 'Spend about 100 yuan', 'Likes jazz'], custom),
    ).toEqual([['pets'], ['budget'], []]);
  });
});
