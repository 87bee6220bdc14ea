import type { MemoryRecord } from '@mnemo/contracts';

const maxPromptMemories = 400;
const maxPromptChars = 48000;

/** The memories as prompt lines, newest first, cut to what a prompt can carry. */
export function memoryLines(memories: MemoryRecord[]): string {
  const lines: string[] = [];
  let size = 0;
  for (const memory of memories.slice(0, maxPromptMemories)) {
    const categories = memory.categories.length > 0 ? ` [${memory.categories.join(', ')}]` : '';
    const line = `- (${memory.id}, ${memory.createdAt.slice(0, 10)})${categories} ${memory.memory}`;
    if (size + line.length > maxPromptChars) break;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** The JSON object an LLM answered in JSON mode; fences and chatter around it are tolerated. */
export function parseJsonObject(reply: string): Record<string, unknown> {
  const start = reply.indexOf('{');
  const end = reply.lastIndexOf('}');
  if (start < 0 || end < start) throw new Error('the LLM answered no JSON object');
  const value: unknown = JSON.parse(reply.slice(start, end + 1));
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error('the LLM answered JSON that is not an object');
  }
  return value as Record<string, unknown>;
}
