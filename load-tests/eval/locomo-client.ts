import { z } from 'zod';
import type { LocomoConversation } from './locomo-dataset';
import type { RetrievalOutcome } from './recall';

const addAnswerSchema = z.object({ results: z.array(z.object({ id: z.string() })) });
const searchAnswerSchema = z.object({
  results: z.array(z.object({ metadata: z.object({ dia_id: z.string() }).loose().nullable() })),
});

export interface EvalClientOptions {
  baseUrl: string;
  /** Searches in flight at once. */
  concurrency: number;
  /** Results read per question: the deepest recall depth. */
  topK: number;
}

export interface ConversationRun {
  outcomes: RetrievalOutcome[];
  added: number;
  addSeconds: number;
  /** Milliseconds of each search. */
  latencies: number[];
}

/** The protocol through the open-source routes: one user per conversation, turns verbatim. */
export class LocomoEvalClient {
  constructor(private readonly options: EvalClientOptions) {}

  async run(conversation: LocomoConversation, userId: string): Promise<ConversationRun> {
    const started = performance.now();
    let added = 0;
    // One turn after another, as a chat is written: the order of writing is part of the memory.
    for (const turn of conversation.turns) added += await this.add(userId, turn.text, turn.diaId);
    const addSeconds = (performance.now() - started) / 1000;
    const latencies: number[] = [];
    const outcomes = new Array<RetrievalOutcome>(conversation.questions.length);
    await this.inParallel(conversation.questions, async (question, index) => {
      const asked = performance.now();
      const ranked = await this.search(userId, question.question);
      latencies.push(performance.now() - asked);
      outcomes[index] = { category: question.category, evidence: question.evidence, ranked };
    });
    return { outcomes, added, addSeconds, latencies };
  }

  /** Memories the add stored (0 when the same text is already in the scope). */
  private async add(userId: string, text: string, diaId: string): Promise<number> {
    const body = {
      messages: [{ role: 'user', content: text }],
      user_id: userId,
      metadata: { dia_id: diaId },
      infer: false,
    };
    return addAnswerSchema.parse(await this.post('/memories', body)).results.length;
  }

  /** Turn ids of the results, best first; threshold 0 so the ranking alone decides. */
  private async search(userId: string, query: string): Promise<string[]> {
    const body = { query, filters: { user_id: userId }, top_k: this.options.topK, threshold: 0 };
    const answer = searchAnswerSchema.parse(await this.post('/search', body));
    return answer.results.map((result) => result.metadata?.dia_id ?? '');
  }

  private async post(path: string, body: unknown): Promise<unknown> {
    const response = await fetch(new URL(path, this.options.baseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    if (response.status !== 200) {
      throw new Error(`POST ${path} answered ${response.status}: ${text.slice(0, 300)}`);
    }
    return JSON.parse(text);
  }

  private async inParallel<T>(items: T[], work: (item: T, index: number) => Promise<void>) {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
      }
    };
    await Promise.all(Array.from({ length: this.options.concurrency }, worker));
  }
}
