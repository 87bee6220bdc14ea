import type { FakeChatRequest, FakeOpenAiServer } from '@mnemo/testing';

/** What the fake OpenAI-compatible server was asked during one scenario. */
export interface ProviderCalls {
  chatCalls: number;
  embeddingRequests: number;
  embeddingInputs: number;
}

// Every benchmark add says one thing the model can pick out again: "bench item u<user> n<add>".
const itemPattern = /bench item u\d+ n\d+/g;

/**
 * A model for the add benchmark on the fake server: the extraction call returns one fact per
 * bench item it reads, the update call ADDs the facts it was given, anything else answers `{}`.
 * Latencies are set through the fake's own latency control: the chat's, and the embeddings' apart.
 */
export class BenchLlm {
  private readonly pendingFacts = new Set<string>();

  constructor(private readonly fake: FakeOpenAiServer) {}

  /** Forgets recorded requests, answers with the bench model, and waits before each answer. */
  reset(latencyMs: number, embeddingLatencyMs = latencyMs): void {
    this.fake.reset();
    this.fake.setLatency(latencyMs, embeddingLatencyMs);
    this.fake.onChat((request) => this.answer(request));
  }

  calls(): ProviderCalls {
    let chatCalls = 0;
    let embeddingRequests = 0;
    let embeddingInputs = 0;
    for (const request of this.fake.requests) {
      if (request.path.endsWith('/chat/completions')) chatCalls += 1;
      if (!request.path.endsWith('/embeddings')) continue;
      embeddingRequests += 1;
      const input = (request.body as { input?: unknown }).input;
      embeddingInputs += Array.isArray(input) ? input.length : 1;
    }
    return { chatCalls, embeddingRequests, embeddingInputs };
  }

  private answer(request: FakeChatRequest): string {
    const text = JSON.stringify(request.messages);
    const items = [...new Set(text.match(itemPattern) ?? [])];
    if (/maintain a memory store|Current memor/i.test(text)) return this.decide(items);
    if (!/facts/i.test(text)) return '{}';
    const facts = items.map((item) => `Likes ${item}`);
    facts.forEach((fact) => this.pendingFacts.add(fact));
    return JSON.stringify({ facts: facts.map((fact) => ({ fact, categories: ['hobbies'] })) });
  }

  /** ADD for each fact this model extracted and has not seen decided yet. */
  private decide(items: string[]): string {
    const facts = items
      .map((item) => `Likes ${item}`)
      .filter((fact) => this.pendingFacts.delete(fact));
    return JSON.stringify({
      memory: facts.map((fact, index) => ({ id: String(1000 + index), text: fact, event: 'ADD' })),
    });
  }
}
