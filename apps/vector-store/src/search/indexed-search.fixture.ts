import { randomUUID } from 'node:crypto';
import { encodeVector } from '@mnemo/contracts';
import type { MemoryEntity } from '../memories/memory.entity';
import { md5, scopeKey } from '../memories/scope-key';
import type { SearchRequest } from './memory-search.service';

const words = [
  'coffee',
  'tea',
  'paris',
  'hiking',
  'python',
  'music',
  'dogs',
  'cats',
  'pizza',
].concat(['running', 'books', 'chess', 'sushi', 'berlin', 'guitar', 'yoga', 'travel', 'work']);
const dimensions = 16;

export class RandomCorpus {
  constructor(private readonly random: () => number) {}

  pick<T>(values: readonly T[]): T {
    return values[Math.floor(this.random() * values.length)];
  }

  text(): string {
    const count = 2 + Math.floor(this.random() * 6);
    return Array.from({ length: count }, () => this.pick(words)).join(' ');
  }

  vector(): Float32Array {
    const vector = Float32Array.from({ length: dimensions }, () => this.random() * 2 - 1);
    const norm = Math.hypot(...vector);
    return vector.map((value) => value / norm);
  }

  /** A memory row of project `projectId` with random scope, metadata, dates and expiry. */
  memory(projectId: string): Partial<MemoryEntity> {
    const scope = {
      userId: this.pick(['u1', 'u2', 'u3', 'u4', null]),
      agentId: this.pick(['a1', 'a2', null]),
    };
    const memory = `${this.text()} ${randomUUID().slice(0, 8)}`;
    const at = new Date(
      Date.UTC(2025, Math.floor(this.random() * 12), 1 + Math.floor(this.random() * 28)),
    );
    return {
      projectId,
      id: randomUUID(),
      memory,
      hash: md5(memory),
      metadata:
        this.random() < 0.2
          ? null
          : { score: Math.floor(this.random() * 10), lang: this.pick(['en', 'fr']) },
      categories: [this.pick(['work', 'travel', 'food']), this.pick(['work', 'health'])],
      userId: scope.userId,
      agentId: scope.agentId,
      appId: null,
      runId: null,
      scopeKey: scopeKey({
        userId: scope.userId ?? undefined,
        agentId: scope.agentId ?? undefined,
      }),
      actorId: null,
      role: null,
      embedding: this.vector(),
      embeddingModel: this.random() < 0.05 ? 'other-model' : 'test-model',
      expirationDate: this.pick([null, null, null, '2020-01-01', '2999-12-31']),
      createdAt: at,
      updatedAt: at,
    };
  }

  /** A search with a random scope, a random extra condition and random options. */
  search(projectId: string): SearchRequest {
    const scope = this.pick<Record<string, string>>([
      { user_id: 'u1' },
      { user_id: 'u2', agent_id: 'a1' },
      { agent_id: 'a2' },
      {},
    ]);
    const extra = this.pick<object | undefined>([
      undefined,
      undefined,
      { categories: { in: ['work'] } },
      { metadata: { score: 7 } },
      { metadata: { lang: { ne: 'en' } } },
      { OR: [{ user_id: 'u1' }, { user_id: 'u3' }] },
      { user_id: '*' },
      { created_at: { gte: '2025-06-01' } },
      { keywords: { icontains: 'coffee' } },
      { NOT: { categories: { contains: 'travel' } } },
    ]);
    const parts = [
      ...Object.entries(scope).map(([key, value]) => ({ [key]: value })),
      ...(extra ? [extra] : []),
    ];
    return {
      projectId,
      filters: parts.length > 0 ? { AND: parts } : {},
      filterDialect: 'platform',
      queryText: this.text(),
      queryVector: encodeVector(this.vector()),
      model: 'test-model',
      topK: this.pick([1, 5, 10, 50]),
      threshold: this.pick([0, 0, 0.1]),
      explain: this.random() < 0.3,
      showExpired: this.random() < 0.3,
      keywordSearch: this.random() < 0.2,
      rerank: this.random() < 0.2,
    };
  }
}
