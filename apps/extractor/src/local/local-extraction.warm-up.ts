import { extractLocalFacts } from './local-fact.extractor';
import { decideUpdates } from './local-update.decider';

const SAMPLE = [
  "Hi, I'm Sam. I live in Paris and I work as a nurse at City Hospital.",
  'I love sushi, I hate cilantro and I am allergic to peanuts. My budget is about $50 per night.',
  "I'm going to Tokyo next week with my wife Anna. I want to learn Japanese.",
  'I recommend Sushi Saito (300 dollars per person). Do you like it?',
];

/**
 * Loads the wink model and runs every pattern once. Both cost a few hundred milliseconds the first time in
 * a process (model parsing, regex compilation), which start-up can pay instead of the first request.
 */
export function warmUpLocalExtraction(): void {
  // Twice: V8 interprets a regex on its first run and compiles it to machine code on the next.
  for (const round of [1, 2]) {
    const messages = SAMPLE.map((content) => ({ role: 'user', content: `${content} ${round}` }));
    const facts = extractLocalFacts({ messages, agentMemory: false, today: '2026-01-01' });
    const agentMessages = messages.map((message) => ({ ...message, role: 'assistant' }));
    extractLocalFacts({ messages: agentMessages, agentMemory: true, today: '2026-01-01' });
    decideUpdates({
      facts,
      existing: [{ id: 'warm-up', text: `User lives in Hangzhou ${round}` }],
    });
  }
}
