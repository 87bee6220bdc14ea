import type { JsonObject } from '@mnemo/contracts';
import type { LlmProvider } from '@mnemo/providers';
import { memoryLines, parseJsonObject } from '../llm/llm-json';
import type { ShapeSource } from './local-schema.shaper';

const systemPrompt = [
  "You turn a person's stored memories into structured data.",
  'Fill the JSON Schema you are given using only facts stated in the memories; never invent facts.',
  'Leave out optional properties the memories say nothing about; give required ones an empty value of their type.',
  'Reply with one JSON object of the form {"data": <value that validates against the schema>}.',
].join(' ');

/** Asks the LLM, in JSON mode, to fill a schema from memories; the caller validates the answer. */
export async function fillSchemaWithLlm(
  llm: LlmProvider,
  schema: JsonObject,
  source: ShapeSource,
  instructions?: string,
): Promise<unknown> {
  const scope = Object.entries(source.scope)
    .map(([key, value]) => `${key}=${value}`)
    .join(', ');
  const user = [
    `JSON Schema:\n${JSON.stringify(schema)}`,
    instructions ? `Instructions:\n${instructions}` : '',
    scope ? `Scope: ${scope}` : '',
    `Today: ${source.now.toISOString().slice(0, 10)}`,
    `Memories (newest first):\n${memoryLines(source.memories) || '(none)'}`,
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
  return 'data' in answer ? answer.data : answer;
}
