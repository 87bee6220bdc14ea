import { verbatimAdds, type AddJob, type WriteOp } from '@mnemo/contracts';
import { categoriseByRules } from '../categories/category-rules';
import type { CategoryDefinition } from '../categories/category-definition';
import { defaultCategories } from '../categories/default-categories';
import type { CategorisedFact, MemoryDecision } from '../extraction-steps';

/** The categories an add files its memories under: the request's or project's, else Mem0's. */
export function categoryList(job: AddJob): CategoryDefinition[] {
  if (!job.customCategories || job.customCategories.length === 0) return defaultCategories;
  return job.customCategories.flatMap((entry) =>
    Object.entries(entry).map(([name, description]) => ({ name, description })),
  );
}

/**
 * The write ops of an add's decisions. A text that is one of the facts keeps the fact's
 * categories and the vector already computed for it; another text (a merged UPDATE, a reworded
 * ADD) takes the categories of the fact it shares most words with, and is embedded when written.
 */
export function decisionOps(
  decisions: MemoryDecision[],
  facts: CategorisedFact[],
  vectors: string[],
  categories: CategoryDefinition[],
): WriteOp[] {
  const byText = new Map(facts.map((fact, index) => [fact.text, index]));
  const filed = (text: string) => {
    const index = byText.get(text);
    if (index !== undefined)
      return { categories: facts[index]?.categories ?? [], vector: vectors[index] };
    return { categories: nearestFactCategories(text, facts) ?? rules(text, categories) };
  };
  return decisions.flatMap((decision): WriteOp[] => {
    switch (decision.event) {
      case 'ADD':
        return [{ op: 'ADD', text: decision.text, ...filed(decision.text) }];
      case 'UPDATE':
        return [
          { op: 'UPDATE', memoryId: decision.id, text: decision.text, ...filed(decision.text) },
        ];
      case 'DELETE':
        return [{ op: 'DELETE', memoryId: decision.id }];
      case 'NONE':
        return [];
    }
  });
}

/** `infer: false`: every non-system message becomes a memory as it is, filed by the rules. */
export function verbatimOps(job: AddJob, categories: CategoryDefinition[]): WriteOp[] {
  const adds = verbatimAdds(job.messages);
  const filed = categoriseByRules(
    adds.map((add) => add.text),
    categories,
  );
  return adds.map((add, index) => ({ ...add, categories: filed[index] ?? [] }));
}

/** One text filed by the rules (procedural summaries, texts no fact shares a word with). */
export function rules(text: string, categories: CategoryDefinition[]): string[] {
  return categoriseByRules([text], categories)[0] ?? [];
}

function nearestFactCategories(text: string, facts: CategorisedFact[]): string[] | undefined {
  const words = wordSet(text);
  let best: { shared: number; categories: string[] } | undefined;
  for (const fact of facts) {
    let shared = 0;
    for (const word of wordSet(fact.text)) if (words.has(word)) shared += 1;
    if (shared > 0 && shared > (best?.shared ?? 0)) best = { shared, categories: fact.categories };
  }
  return best?.categories;
}

// Words of three letters or more: "is", "a" and "in" say nothing about what two texts share.
function wordSet(text: string): Set<string> {
  return new Set((text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).filter((w) => w.length > 2));
}
