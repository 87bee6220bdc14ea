import type { JsonObject, MemoryRecord } from '@mnemo/contracts';
import type { LlmProvider } from '@mnemo/providers';
import { memoryLines, parseJsonObject } from '../llm/llm-json';

const systemPrompt = [
  'You maintain a profile of a user built from the memories stored about them.',
  'Write it as a JSON object whose keys are aspects of the user (for example name, location,',
  'occupation, family, preferences, dislikes, health, goals) and whose values are strings or lists',
  'of strings. Use only facts stated in the memories; when memories conflict, the newest wins.',
  'Reply with one JSON object: {"profile": {...}}.',
].join(' ');

/** A free-form profile written by the LLM in JSON mode. */
export async function profileFromLlm(
  llm: LlmProvider,
  memories: MemoryRecord[],
  instructions: string | null,
): Promise<JsonObject> {
  const user = [
    instructions ? `Instructions:\n${instructions}` : '',
    `Memories (newest first):\n${memoryLines(memories)}`,
  ]
    .filter(Boolean)
    .join('\n\n');
  const reply = await llm.complete({
    messages: [
      { role: 'system', content: systemPrompt },
      { role: 'user', content: user },
    ],
    json: true,
    temperature: 0,
  });
  const answer = parseJsonObject(reply);
  const profile = answer.profile;
  if (typeof profile === 'object' && profile !== null && !Array.isArray(profile)) {
    return profile as JsonObject;
  }
  return answer;
}
