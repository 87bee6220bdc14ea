import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { mulberry32 } from '@mnemo/contracts';
import type { RequestKind } from './bench-plan.types';

const corpusSchema = z.object({
  userTurns: z.array(z.string()).min(1),
  assistantTurns: z.array(z.string()).min(1),
  queries: z.array(z.string()).min(1),
  slots: z.record(z.string(), z.array(z.string()).min(1)),
});
export type Corpus = z.infer<typeof corpusSchema>;

/** The corpus the k6 scripts use too. */
export function loadCorpus(path = join(__dirname, '..', 'data', 'conversations.json')): Corpus {
  return corpusSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

export interface HttpCall {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

interface ChatMessage {
  role: 'user' | 'assistant';
  content: string;
}

const NEW_USER_POOL = 5_000;

/** Request bodies for the streams: realistic chats and queries, reproducible from `seed`. */
export class Workload {
  private readonly random: () => number;
  private readonly memoryIds: string[] = [];

  constructor(
    private readonly corpus: Corpus,
    private readonly scopes: number,
    seed = 42,
  ) {
    this.random = mulberry32(seed);
  }

  /** The user id of a seeded scope. */
  static scopeUser(index: number): string {
    return `seed-user-${String(index).padStart(4, '0')}`;
  }

  /** Remembers ids written while seeding, for the `get` stream. */
  rememberIds(ids: string[]): void {
    for (const id of ids) if (this.memoryIds.length < 10_000) this.memoryIds.push(id);
  }

  seedCall(scopeIndex: number, messages: number): HttpCall {
    const body = {
      messages: this.chat(messages),
      user_id: Workload.scopeUser(scopeIndex),
      infer: false,
    };
    return { method: 'POST', path: '/memories', body: JSON.stringify(body) };
  }

  call(kind: RequestKind): HttpCall {
    switch (kind) {
      case 'search':
        return this.post('/search', {
          query: this.fill(this.pick(this.corpus.queries)),
          filters: { user_id: this.seededUser() },
          top_k: 10,
        });
      case 'add':
        return this.post('/memories', {
          messages: this.chat(this.int(2, 6)),
          user_id: `load-user-${String(this.int(0, NEW_USER_POOL - 1)).padStart(5, '0')}`,
          metadata: { source: 'bench' },
          infer: false,
        });
      case 'add-infer':
        return this.post('/memories', {
          messages: this.chat(this.int(2, 4)),
          user_id: this.seededUser(),
        });
      case 'get':
        if (this.memoryIds.length === 0) throw new Error('the get stream needs seeded memory ids');
        return { method: 'GET', path: `/memories/${this.pick(this.memoryIds)}` };
      case 'list':
        return { method: 'GET', path: `/memories?user_id=${this.seededUser()}` };
    }
  }

  /** A search's query text, slots filled. */
  queryText(): string {
    return this.fill(this.pick(this.corpus.queries));
  }

  /** One memory's text for the direct seeder: two user turns, slots filled (millions differ). */
  memoryText(): string {
    return `${this.fill(this.pick(this.corpus.userTurns))} ${this.fill(this.pick(this.corpus.userTurns))}`;
  }

  private chat(turns: number): ChatMessage[] {
    return Array.from({ length: turns }, (_, i) =>
      i % 2 === 0
        ? { role: 'user' as const, content: this.fill(this.pick(this.corpus.userTurns)) }
        : { role: 'assistant' as const, content: this.pick(this.corpus.assistantTurns) },
    );
  }

  private post(path: string, body: object): HttpCall {
    return { method: 'POST', path, body: JSON.stringify(body) };
  }

  private seededUser(): string {
    return Workload.scopeUser(this.int(0, this.scopes - 1));
  }

  private fill(template: string): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const values = this.corpus.slots[name];
      if (!values) throw new Error(`the corpus has no slot "${name}"`);
      return this.pick(values);
    });
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.random() * list.length)];
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }
}
