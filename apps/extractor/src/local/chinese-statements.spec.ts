import { chineseStatementFacts, isMostlyChinese } from './chinese-statements';

describe(chineseStatementFacts.name, () => {
  it('keeps each statement and drops greetings, thanks and questions', () => {
    expect(
      chineseStatementFacts(
        '你好！我想找一家好餐厅，最好是川菜，人均100元左右。上次推荐的餐厅不错，有类似的吗？谢谢！',
      ),
    ).toEqual(['我想找一家好餐厅，最好是川菜，人均100元左右']);
  });

  it('cuts a greeting or thanks off the statement it opens or closes', () => {
    expect(chineseStatementFacts('您好，我住在杭州，谢谢')).toEqual(['我住在杭州']);
    expect(chineseStatementFacts('嗨，我最近搬到上海了！我对花生过敏\n好的')).toEqual([
      '我最近搬到上海了',
      '我对花生过敏',
    ]);
  });

  it('drops questions without a question mark that end in a question particle', () => {
    expect(chineseStatementFacts('你觉得这家怎么样呢。我喜欢安静的地方')).toEqual([
      '我喜欢安静的地方',
    ]);
  });
});

describe(isMostlyChinese.name, () => {
  it('weighs Han characters against Latin letters', () => {
    expect(isMostlyChinese('我在 Hangzhou 工作')).toBe(true);
    expect(isMostlyChinese('I really love 川菜')).toBe(false);
    expect(isMostlyChinese('I live in Hangzhou')).toBe(false);
  });
});
