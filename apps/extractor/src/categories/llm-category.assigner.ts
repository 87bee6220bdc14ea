import type { LlmProvider } from '@mnemo/providers';
import type { CategoryAssigner, CategoryDefinition } from './category-assigner';
import { LocalCategoryAssigner } from './local-category.assigner';

interface WarnLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

/** One JSON-mode call for all texts; anything unusable falls back to the offline rules for that text. */
export class LlmCategoryAssigner implements CategoryAssigner {
  private readonly local = new LocalCategoryAssigner();

  constructor(
    private readonly llm: LlmProvider,
    private readonly logger: WarnLogger,
  ) {}

  async assign(texts: string[], categories: CategoryDefinition[]): Promise<string[][]> {
    const fallback = await this.local.assign(texts, categories);
    if (texts.length === 0) return [];
    const allowed = new Set(categories.map((category) => category.name));
    let answer: string;
    try {
      answer = await this.llm.complete({
        json: true,
        messages: [
          {
            role: 'system',
            content: `Assign each memory to one or more of these categories:\n${categories
              .map((c) => `- ${c.name}: ${c.description}`)
              .join(
                '\n',
              )}\nAnswer in JSON: {"categories": [["name", ...], ...]} with one list per memory, in order.`,
          },
          { role: 'user', content: JSON.stringify(texts) },
        ],
      });
    } catch (err) {
      // Categories are a nicety: a failing LLM must not fail the add.
      this.logger.warn(
        { fault: 'categories_call_failed', err: (err as Error).message },
        'using category rules',
      );
      return fallback;
    }
    const lists = parseLists(answer);
    if (!lists || lists.length !== texts.length) {
      this.logger.warn(
        { fault: 'invalid_categories', texts: texts.length },
        'category answer unusable; using rules',
      );
      return fallback;
    }
    return lists.map((list, index) => {
      const valid = list.filter((name) => allowed.has(name));
      return valid.length > 0 ? [...new Set(valid)] : (fallback[index] ?? []);
    });
  }
}

function parseLists(answer: string): string[][] | undefined {
  try {
    const parsed = JSON.parse(answer.slice(answer.indexOf('{'), answer.lastIndexOf('}') + 1)) as {
      categories?: unknown;
    };
    if (!Array.isArray(parsed.categories)) return undefined;
    return parsed.categories.map((item) =>
      Array.isArray(item) ? item.filter((v): v is string => typeof v === 'string') : [],
    );
  } catch {
    return undefined;
  }
}
