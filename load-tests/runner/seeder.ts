import { z } from 'zod';
import type { SeedPlan } from './bench-plan.types';
import type { SeedOutcome } from './report';
import type { HttpCall, Workload } from './workload';

const addAnswerSchema = z.object({ results: z.array(z.object({ id: z.string() })) });

export interface SeedOptions {
  baseUrl: string;
  plan: SeedPlan;
  workload: Workload;
  headers: Record<string, string>;
  log: (line: string) => void;
}

/**
 * Adds chats round-robin over `plan.scopes` users until `plan.memories` memories are stored.
 * Repeated sentences in a scope may be stored once, so more requests than memories/messages can be
 * needed; bounded by twice that many requests and by `plan.timeoutSeconds`.
 */
export async function seedMemories(options: SeedOptions): Promise<SeedOutcome> {
  const { plan, workload } = options;
  const maxRequests = 2 * Math.ceil(plan.memories / plan.messagesPerRequest);
  const deadline = Date.now() + plan.timeoutSeconds * 1000;
  const started = performance.now();
  let sent = 0;
  let memories = 0;
  const worker = async () => {
    while (memories < plan.memories && sent < maxRequests) {
      if (Date.now() > deadline) {
        throw new Error(`seeding took longer than ${plan.timeoutSeconds} s (${memories} written)`);
      }
      const index = sent++;
      const ids = await addOnce(
        options,
        workload.seedCall(index % plan.scopes, plan.messagesPerRequest),
      );
      workload.rememberIds(ids);
      memories += ids.length;
      if ((index + 1) % 200 === 0) options.log(`seeded ${memories} memories`);
    }
  };
  await Promise.all(Array.from({ length: plan.concurrency }, worker));
  if (memories < plan.memories) {
    options.log(`only ${memories} of ${plan.memories} memories after ${sent} requests`);
  }
  return {
    memories,
    scopes: Math.min(plan.scopes, sent),
    requests: sent,
    seconds: (performance.now() - started) / 1000,
  };
}

async function addOnce(options: SeedOptions, call: HttpCall): Promise<string[]> {
  const response = await fetch(new URL(call.path, options.baseUrl), {
    method: call.method,
    headers: { 'content-type': 'application/json', ...options.headers },
    body: call.body,
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  if (response.status !== 200) {
    throw new Error(`seeding add answered ${response.status}: ${text.slice(0, 300)}`);
  }
  return addAnswerSchema.parse(JSON.parse(text)).results.map((result) => result.id);
}
