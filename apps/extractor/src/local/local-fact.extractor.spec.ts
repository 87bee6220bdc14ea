import type { ConversationMessage } from '../extraction-steps';
import { LocalFactExtractor } from './local-fact.extractor';

const TODAY = '2026-03-10'; // a Tuesday

function userSays(content: string): ConversationMessage[] {
  return [{ role: 'user', content }];
}

describe(LocalFactExtractor.name, () => {
  const extractor = new LocalFactExtractor();
  const extract = (
    messages: ConversationMessage[],
    agentMemory = false,
    customInstructions?: string,
  ) => extractor.extractFacts({ messages, agentMemory, today: TODAY, customInstructions });

  it('extracts the restaurant request, cuisine and budget when the user asks for a restaurant', async () => {
    const facts = await extract([
      {
        role: 'user',
        content:
          'I want to find a good restaurant, preferably Sichuan cuisine, with an average cost of about 100 yuan per person.',
      },
      { role: 'assistant', content: 'Recommend Shuxiangyuan (95 RMB per person)' },
    ]);
    expect(facts).toEqual([
      'Looking for a good restaurant',
      'Prefers Sichuan cuisine',
      'Budget about 100 yuan per person',
    ]);
  });

  it('remembers the recommendation as an agent fact when facts come from the assistant', async () => {
    const facts = await extract(
      [
        { role: 'user', content: 'I want to find a good restaurant, preferably Sichuan cuisine.' },
        { role: 'assistant', content: 'Recommend Shuxiangyuan (95 RMB per person)' },
      ],
      true,
    );
    expect(facts).toEqual(['Agent recommended Shuxiangyuan (95 RMB per person)']);
  });

  const cases: ReadonlyArray<[category: string, said: string, facts: string[]]> = [
    ['location', 'I live in Hangzhou', ['Lives in Hangzhou']],
    ['location', 'I moved to Shanghai', ['Lives in Shanghai']],
    ['location', 'I live in Hangzhou, China.', ['Lives in Hangzhou, China']],
    ['location', "I've been living in Berlin for 3 years.", ['Lives in Berlin']],
    ['location', "We're based in Austin, Texas.", ['Lives in Austin, Texas']],
    ['location', 'I relocated to Singapore last month for work.', ['Lives in Singapore']],
    ['location', 'I used to live in Beijing.', ['Previously lived in Beijing']],
    ['origin', "I'm from Chengdu but I live in Beijing", ['Is from Chengdu', 'Lives in Beijing']],
    ['origin', 'I grew up in Lyon, France.', ['Is from Lyon, France']],
    ['name', 'Hey there! My name is Sarah Connor, nice to meet you.', ['Name is Sarah Connor']],
    ['name', 'my name is xiao ming', ['Name is Xiao Ming']],
    ['name', 'Call me Mike', ['Name is Mike']],
    ['name', 'Hello, this is Priya.', ['Name is Priya']],
    [
      'name',
      "Hi, I'm Xiao Ming and I moved to Shanghai last year.",
      ['Name is Xiao Ming', 'Lives in Shanghai'],
    ],
    ['age', "I'm 32 years old", ['Is 32 years old']],
    ['age', 'I was born in 1990.', ['Was born in 1990']],
    ['age', "I'm a 28 year old nurse.", ['Is 28 years old', 'Works as a nurse']],
    [
      'job',
      'I just turned 40 and I work as a data scientist at Meta.',
      ['Is 40 years old', 'Works as a data scientist', 'Works at Meta'],
    ],
    [
      'job',
      "I'm a software engineer at Google.",
      ['Works as a software engineer', 'Works at Google'],
    ],
    ['job', "I'm a teacher.", ['Works as a teacher']],
    [
      'job',
      "I'm a product manager at a startup.",
      ['Works as a product manager', 'Works at a startup'],
    ],
    ['job', "I'm retired.", ['Is retired']],
    ['job', "I'm a student at MIT.", ['Is a student', 'Studies at MIT']],
    ['family', "My wife's name is Anna.", ['Has a wife named Anna']],
    ['family', 'My son Tom loves football.', ['Has a son named Tom']],
    ['family', 'My daughter Lily is 5.', ['Has a daughter named Lily']],
    ['family', 'I have two kids.', ['Has two kids']],
    ['family', 'I have 3 children.', ['Has 3 children']],
    ['family', 'We have a dog named Max', ['Has a dog named Max']],
    ['family', "I'm engaged to David.", ['Is engaged to David']],
    ['preference', 'I love sushi', ['Loves sushi']],
    ['preference', 'I love sushi and ramen!', ['Loves sushi and ramen']],
    ['preference', "I'm into jazz", ['Likes jazz']],
    ['preference', "I'm a big fan of Taylor Swift.", ['Loves Taylor Swift']],
    ['preference', 'I really enjoy reading sci-fi novels.', ['Enjoys reading sci-fi novels']],
    [
      'preference',
      'I prefer window seats over aisle seats.',
      ['Prefers window seats over aisle seats'],
    ],
    ['preference', 'My favourite color is blue', ['Favourite color is blue']],
    [
      'preference',
      'My favorite movies are Inception and Interstellar.',
      ['Favourite movies are Inception and Interstellar'],
    ],
    ['preference', 'Tokyo is my favourite city', ['Favourite city is Tokyo']],
    ['dislike', 'I hate cilantro', ['Dislikes cilantro']],
    ['dislike', "I'm not a big fan of cilantro, I don't like it.", ['Dislikes cilantro']],
    ['dislike', "I can't stand loud bars", ['Dislikes loud bars']],
    ['dislike', "I don't like horror movies anymore.", ['No longer likes horror movies']],
    ['dislike', 'I try to avoid sugar.', ['Avoids sugar']],
    ['health', "I'm allergic to peanuts", ['Allergic to peanuts']],
    ['health', 'I have a severe shellfish allergy.', ['Allergic to shellfish']],
    [
      'health',
      "I'm vegan, diabetic and allergic to nuts",
      ['Is vegan', 'Is diabetic', 'Allergic to nuts'],
    ],
    ['health', "I'm not allergic to cats", ['Not allergic to cats']],
    ['health', "I'm vegetarian", ['Is vegetarian']],
    ['health', "I'm no longer vegetarian", ['No longer vegetarian']],
    ['health', "I've been vegan for two years.", ['Is vegan']],
    ['health', 'I follow a keto diet.', ['Follows a keto diet']],
    ['health', "I'm lactose intolerant", ['Is lactose intolerant']],
    ['health', "I'm diabetic", ['Is diabetic']],
    ['health', 'I have type 2 diabetes.', ['Has type 2 diabetes']],
    ['health', "I can't eat spicy food", ['Cannot eat spicy food']],
    ['health', "I don't eat pork.", ['Does not eat pork']],
    [
      'plan',
      'I will travel to Tokyo next week',
      ['Plans to travel to Tokyo next week (week of 2026-03-16)'],
    ],
    [
      'plan',
      "I'm going to Tokyo next week!",
      ['Plans to travel to Tokyo next week (week of 2026-03-16)'],
    ],
    [
      'plan',
      "I'm flying to New York on Friday.",
      ['Plans to travel to New York on Friday (2026-03-13)'],
    ],
    [
      'plan',
      "I'm planning on visiting my grandma tomorrow.",
      ['Plans to visit my grandma tomorrow (2026-03-11)'],
    ],
    [
      'plan',
      'Next weekend I will visit my parents in Boston.',
      ['Plans to visit my parents in Boston next weekend (weekend of 2026-03-21)'],
    ],
    [
      'plan',
      "I'm moving to Seattle next month.",
      ['Plans to move to Seattle next month (2026-04)'],
    ],
    ['plan', "We're going to Japan in April.", ['Plans to travel to Japan in April']],
    ['plan', 'We cancelled our trip to Paris.', ['No longer plans to travel to Paris']],
    ['goal', 'I want to learn Japanese.', ['Wants to learn Japanese']],
    ['goal', "I'm thinking about moving to Canada.", ['Is considering moving to Canada']],
    ['goal', "I'd love to visit Kyoto someday.", ['Wants to visit Kyoto someday']],
    ['goal', 'I need a new laptop for coding.', ['Looking for a new laptop for coding']],
    ['budget', 'My budget is around $50.', ['Budget about $50']],
    ['budget', 'My budget for the trip is 2000 dollars.', ['Budget 2000 dollars for the trip']],
    ['budget', 'I can spend up to 50 euros per night.', ['Budget up to 50 euros per night']],
    [
      'budget',
      "I'm looking for a hotel near the beach, ideally under $200 a night.",
      ['Looking for a hotel near the beach', 'Budget under $200 a night'],
    ],
    [
      'budget',
      "I'm looking for something cheap, not too expensive.",
      ['Looking for something cheap', 'Prefers affordable options'],
    ],
    ['budget', "I'm on a tight budget.", ['Prefers affordable options']],
    ['question', "I'm allergic to peanuts, what should I eat?", ['Allergic to peanuts']],
  ];

  it.each(cases)('extracts a %s fact from "%s"', async (_category, said, facts) => {
    expect(await extract(userSays(said))).toEqual(facts);
  });

  const nothing: readonly string[] = [
    'Hi, how are you?',
    "What's the weather in Paris?",
    'Can you recommend a restaurant?',
    'Do you know any good sushi places in Tokyo?',
    'What is the capital of France?',
    'Tell me a joke.',
    'Thanks a lot!',
    'ok',
    "lol that's funny",
    'I love it!',
    "I'm fine, thanks.",
    "I'm Happy",
    'I will check and get back to you.',
    "I'd like to know the weather tomorrow.",
    'If I moved to Paris, would I like it?',
    'Maybe I will go to Rome.',
    'My friend loves sushi.',
    'I need a break.',
    'I like that idea.',
    "I'd rather not say.",
    "I'm going to sleep now.",
    "I'm in Paris right now.",
    'I have a question.',
  ];

  it.each(nothing)('extracts nothing from "%s"', async (said) => {
    expect(await extract(userSays(said))).toEqual([]);
  });

  it('ignores the assistant and the system when facts come from the user', async () => {
    const facts = await extract([
      { role: 'system', content: 'I live in Paris.' },
      { role: 'user', content: 'Hello!' },
      { role: 'assistant', content: 'I love sushi. I recommend Sushi Saito.' },
    ]);
    expect(facts).toEqual([]);
  });

  it('takes first-person statements and suggestions from the assistant for agent memory', async () => {
    const facts = await extract(
      [
        { role: 'user', content: 'I live in Paris. Who are you?' },
        {
          role: 'assistant',
          content: "I'm Aria, your travel assistant. I love helping people plan trips.",
        },
        {
          role: 'assistant',
          content: 'I would recommend Din Tai Fung. How about also visiting Jiufen?',
        },
      ],
      true,
    );
    expect(facts).toEqual([
      'Name is Aria',
      'Loves helping people plan trips',
      'Agent recommended Din Tai Fung',
      'Agent recommended visiting Jiufen',
    ]);
  });

  it("stores a Chinese user's statements and not the assistant's, greetings or questions", async () => {
    const facts = await extract([
      { role: 'user', content: '你好！我想找一家好餐厅，最好是川菜，人均100元左右。' },
      { role: 'assistant', content: '推荐蜀香园，人均95元。' },
      { role: 'user', content: '我住在杭州。上次推荐的餐厅不错，有类似的吗？' },
    ]);
    expect(facts).toEqual(['我想找一家好餐厅，最好是川菜，人均100元左右', '我住在杭州']);
  });

  it('keeps one fact per meaning within a call', async () => {
    const facts = await extract([
      { role: 'user', content: 'I love sushi. I really like sushi!' },
      { role: 'user', content: "I'm vegetarian. I am a vegetarian." },
    ]);
    expect(facts).toEqual(['Loves sushi', 'Is vegetarian']);
  });

  it('keeps only the topics custom instructions ask for', async () => {
    const said = userSays(
      'I live in Hangzhou and I love Sichuan food. I am allergic to peanuts. I work as a nurse.',
    );
    expect(await extract(said, false, 'Only extract facts about food and diet.')).toEqual([
      'Loves Sichuan food',
      'Allergic to peanuts',
    ]);
    expect(await extract(said, false, 'Do not store any health information.')).toEqual([
      'Lives in Hangzhou',
      'Loves Sichuan food',
      'Works as a nurse',
    ]);
    expect(await extract(said, false, 'Write facts in a friendly tone.')).toEqual([
      'Lives in Hangzhou',
      'Loves Sichuan food',
      'Allergic to peanuts',
      'Works as a nurse',
    ]);
  });
});
