import type { LlmProvider } from '@mnemo/providers';
import { memoryLines, parseJsonObject } from '../llm/llm-json';
import type { MemoryGroup } from './topic-grouping';

// Keeps the prompt bounded; groups past these get the local summary.
const maxGroups = 30;
const perGroup = 50;

const systemPrompt = [
  'You summarise what is known about a person or agent from stored memories, one topic at a time.',
  'For each topic write a short factual summary (one to three sentences) using only the memories given.',
  'Reply with one JSON object: {"summaries": {"<topic>": "<summary>", ...}} with exactly the topics given.',
].join(' ');

/** One summary per group from the LLM (JSON mode); groups it leaves out are absent from the map. */
export async function summariesFromLlm(
  llm: LlmProvider,
  groups: MemoryGroup[],
): Promise<Map<string, string>> {
  const user = groups
    .slice(0, maxGroups)
    .map((group) => `Topic: ${group.category}\n${memoryLines(group.memories.slice(0, perGroup))}`)
    .join('\n\n');
  const reply = await llm.complete({
    messages: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: user },
    ],
    json: true,
    temperature: 0,
  });
  const answer = parseJsonObject(reply).summaries;
  const summaries = new Map<string, string>();
  if (typeof answer !== 'object' || answer === null) return summaries;
  for (const [topic, text] of Object.entries(answer)) {
    if (typeof text === 'string' && text.trim() !== '') summaries.set(topic, text.trim());
  }
  return summaries;
}
