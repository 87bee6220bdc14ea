import { FarthestMemories } from './farthest-memories';

/** A scope whose memories score what `scores` holds (by slot), searched through a counting graph. */
function scope(scores: number[]) {
  const held = new Set(scores.keys());
  const graph = { answer: 0, searches: 0 };
  const far = new FarthestMemories();
  const ask = () =>
    far.farthest(
      (slot) => scores[slot],
      (slot) => held.has(slot),
      () => {
        graph.searches++;
        return graph.answer;
      },
    );
  return { far, graph, held, ask };
}

describe(FarthestMemories.name, () => {
  it('asks the graph for every query until a whole window of its answers agreed', () => {
    const { far, graph, ask } = scope([0.9, 0.1, 0.5]);
    graph.answer = 1;
    for (let query = 0; query < 17; query++) expect(ask()).toBe(1);
    expect(graph.searches).toBe(17);
    expect(far.trusted).toBe(true);
  });

  it('once trusted, answers from the kept memories and asks the graph one query in eight', () => {
    const { graph, ask } = scope([0.9, 0.1, 0.5]);
    graph.answer = 1;
    for (let query = 0; query < 17; query++) ask();
    graph.searches = 0;
    for (let query = 0; query < 80; query++) expect(ask()).toBe(1);
    expect(graph.searches).toBe(10);
  });

  it('takes a farther memory the graph finds, and stops trusting the kept ones after two', () => {
    const scores = [0.9, 0.4, 0.5, 0.3, 0.2];
    const { far, graph, ask } = scope(scores);
    graph.answer = 1;
    for (let query = 0; query < 17; query++) ask();
    // The graph now finds farther memories: the next refresh takes the first, the one after the second.
    graph.answer = 3;
    const answers: number[] = [];
    for (let query = 0; query < 8; query++) answers.push(ask()!);
    expect(answers).toContain(3);
    expect(far.trusted).toBe(true);
    graph.answer = 4;
    for (let query = 0; query < 8; query++) answers.push(ask()!);
    expect(answers.at(-1)).toBe(4);
    expect(far.trusted).toBe(false);
    // Untrusted: every query asks the graph again, and the lower of both still wins.
    graph.searches = 0;
    graph.answer = 2;
    expect(ask()).toBe(4);
    expect(graph.searches).toBe(1);
  });

  it('forgets a kept memory once it is removed, and answers nothing for an empty scope', () => {
    const { graph, held, ask } = scope([0.9, 0.1]);
    graph.answer = 1;
    for (let query = 0; query < 17; query++) ask();
    held.delete(1);
    graph.answer = 0;
    expect(ask()).toBe(0);
    const empty = new FarthestMemories();
    expect(
      empty.farthest(
        () => 0,
        () => true,
        () => undefined,
      ),
    ).toBeUndefined();
  });
});
