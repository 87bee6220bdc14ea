/** Evaluation depths of the LoCoMo retrieval protocol. */
export const RECALL_DEPTHS = [5, 10, 25, 50] as const;

export interface RetrievalOutcome {
  category: number;
  evidence: string[];
  /** Turn ids of the results, best first. */
  ranked: string[];
}

/** Share of the evidence turns found in the top `k`. */
export function recallAt(outcome: RetrievalOutcome, k: number): number {
  const top = new Set(outcome.ranked.slice(0, k));
  const found = outcome.evidence.filter((id) => top.has(id)).length;
  return found / outcome.evidence.length;
}

export interface RecallRow {
  label: string;
  questions: number;
  /** Mean recall per depth of RECALL_DEPTHS, in [0, 1]. */
  recall: number[];
}

/** One row over every outcome, then one per category present, in category order. */
export function recallTable(outcomes: RetrievalOutcome[]): RecallRow[] {
  const categories = [...new Set(outcomes.map((o) => o.category))].sort((a, b) => a - b);
  return [
    row('all', outcomes),
    ...categories.map((c) =>
      row(
        `category ${c}`,
        outcomes.filter((o) => o.category === c),
      ),
    ),
  ];
}

function row(label: string, outcomes: RetrievalOutcome[]): RecallRow {
  const recall = RECALL_DEPTHS.map((k) =>
    outcomes.length === 0
      ? 0
      : outcomes.reduce((sum, outcome) => sum + recallAt(outcome, k), 0) / outcomes.length,
  );
  return { label, questions: outcomes.length, recall };
}

/** A Markdown table of recall percentages. */
export function renderRecallTable(rows: RecallRow[]): string {
  const header = `| | questions | ${RECALL_DEPTHS.map((k) => `R@${k}`).join(' | ')} |`;
  const rule = `|---|---:|${RECALL_DEPTHS.map(() => '---:').join('|')}|`;
  const lines = rows.map(
    (r) =>
      `| ${r.label} | ${r.questions} | ${r.recall.map((v) => (100 * v).toFixed(1)).join(' | ')} |`,
  );
  return [header, rule, ...lines].join('\n');
}
