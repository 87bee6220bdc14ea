import { startMnemo, type MnemoStack } from '@mnemo/testing';
import { http } from './http';

interface Found {
  memory: string;
  score: number;
}

// The seed scenario in Chinese on the offline providers: rule extractor, GloVe + BM25 search.
describe('Chinese recall offline (local providers)', () => {
  let mnemo: MnemoStack;

  beforeAll(async () => {
    mnemo = await startMnemo({ services: ['gateway', 'extractor', 'embedder', 'vector-store'] });
  }, 120_000);

  afterAll(async () => {
    await mnemo?.stop();
  });

  const add = (userId: string, content: string) =>
    http(mnemo.baseUrl, 'POST', '/memories', {
      messages: [{ role: 'user', content }],
      user_id: userId,
    });
  const search = async (userId: string, query: string, topK: number) => {
    const found = await http(mnemo.baseUrl, 'POST', '/search', {
      query,
      filters: { user_id: userId },
      top_k: topK,
    });
    expect(found.status).toBe(200);
    return (found.body.results as Found[]).map((r) => r.memory);
  };

  it('stores the Chinese restaurant request as a fact and finds it from "the one you recommended"', async () => {
    const added = await add('user_10010', '你好！我想找一家好餐厅，最好是川菜，人均100元左右');
    expect(added.status).toBe(200);
    expect(added.body.results).toEqual([
      {
        id: expect.any(String),
        memory: '我想找一家好餐厅，最好是川菜，人均100元左右',
        event: 'ADD',
      },
    ]);
    for (const other of ['我住在杭州。', '我每天早上跑步五公里。', '我养了一只猫，叫咪咪。']) {
      expect((await add('user_10010', other)).status).toBe(200);
    }

    const top = await search('user_10010', '上次推荐的餐厅不错，有类似的吗？', 1);
    expect(top).toEqual(['我想找一家好餐厅，最好是川菜，人均100元左右']);
  });

  it('finds a memory mixing Chinese and English from a query in either language', async () => {
    const added = await add('mixed', '我在 Hangzhou 工作，每天喝一杯 latte。');
    expect(added.body.results).toEqual([
      { id: expect.any(String), memory: '我在 Hangzhou 工作，每天喝一杯 latte', event: 'ADD' },
    ]);
    for (const other of ['I have a dog named Lucky', 'I am allergic to peanuts', '我喜欢爬山']) {
      expect((await add('mixed', other)).status).toBe(200);
    }

    expect(await search('mixed', 'Which city do I work in, Hangzhou?', 1)).toEqual([
      '我在 Hangzhou 工作，每天喝一杯 latte',
    ]);
    expect(await search('mixed', '我平时喝什么咖啡？latte', 1)).toEqual([
      '我在 Hangzhou 工作，每天喝一杯 latte',
    ]);
  });
});
