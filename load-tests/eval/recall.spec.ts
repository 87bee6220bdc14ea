import { evidenceIds, parseConversation } from './locomo-dataset';
import { recallAt, recallTable, renderRecallTable } from './recall';

describe('recallTable', () => {
  it('averages the share of evidence turns found at each depth, overall and per category', () => {
    const ranked = Array.from({ length: 50 }, (_, i) => `D1:${i + 1}`);
    const rows = recallTable([
      { category: 1, evidence: ['D1:1', 'D1:30'], ranked },
      { category: 2, evidence: ['D1:7'], ranked },
    ]);
    expect(rows.map((r) => [r.label, r.questions, r.recall])).toEqual([
      ['all', 2, [0.25, 0.75, 0.75, 1]],
      ['category 1', 1, [0.5, 0.5, 0.5, 1]],
      ['category 2', 1, [0, 1, 1, 1]],
    ]);
    expect(renderRecallTable(rows)).toContain('| all | 2 | 25.0 | 75.0 | 75.0 | 100.0 |');
  });

  it('counts an evidence turn missing from the results as not found', () => {
    expect(recallAt({ category: 4, evidence: ['D2:1'], ranked: [] }, 5)).toBe(0);
  });
});

describe('parseConversation', () => {
  const json = JSON.stringify({
    speaker_a: 'Ann',
    session_1_date_time: '1:56 pm on 8 May, 2023',
    session_1: [
      { speaker: 'Ann', dia_id: 'D1:1', text: 'Hi Bob!' },
      { speaker: 'Bob', dia_id: 'D1:2', text: 'Hi Ann.' },
    ],
    qa: [
      { question: 'Who?', answer: 'Bob', evidence: ['D1:2; D1:1', 'D1:2'], category: 1 },
      { question: 'Where?', evidence: ['D1 3', 'D9:9'], category: 5 },
    ],
  });

  it('prefixes each turn with its speaker and keeps only evidence ids that name a turn', () => {
    const conversation = parseConversation('t', json);
    expect(conversation.turns).toEqual([
      { diaId: 'D1:1', text: 'Ann: Hi Bob!' },
      { diaId: 'D1:2', text: 'Bob: Hi Ann.' },
    ]);
    expect(conversation.questions).toEqual([
      { question: 'Who?', category: 1, evidence: ['D1:2', 'D1:1'] },
    ]);
    expect(conversation.withoutEvidence).toBe(1);
  });

  it('splits malformed evidence entries on semicolons, commas and spaces', () => {
    expect(evidenceIds('D8:6; D9:17,D1:2 D3:4')).toEqual(['D8:6', 'D9:17', 'D1:2', 'D3:4']);
  });
});
