import type { ConversationMessage, ProceduralSummarizer } from '../extraction-steps';

/** Offline procedural memory: the run as a numbered log of its turns, nothing invented. */
export class LocalProceduralSummarizer implements ProceduralSummarizer {
  summarize(messages: ConversationMessage[], customPrompt?: string): Promise<string> {
    const turns = messages.filter(
      (message) => message.role !== 'system' && message.content.trim() !== '',
    );
    const firstUser = turns.find((message) => message.role === 'user');
    const lines = [
      customPrompt ? `Instructions: ${customPrompt.trim()}` : undefined,
      `Task objective: ${firstUser?.content.trim() ?? 'not stated'}`,
      `Progress: ${turns.length} steps recorded`,
      ...turns.map(
        (message, index) =>
          `Step ${index + 1} (${message.name ?? message.role}): ${message.content.trim()}`,
      ),
    ];
    return Promise.resolve(lines.filter((line): line is string => line !== undefined).join('\n'));
  }
}
