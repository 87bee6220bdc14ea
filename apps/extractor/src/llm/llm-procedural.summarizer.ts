import type { ChatMessage, LlmProvider } from '@mnemo/providers';
import type { ConversationMessage, ProceduralSummarizer } from '../extraction-steps';
import { stripCodeFence } from './llm-answer';
import type { LlmCallOptions, WarnLogger } from './llm.types';
import { PROCEDURAL_MEMORY_PROMPT, PROCEDURAL_MEMORY_REQUEST } from './prompts';

/** Mem0's procedural branch: system prompt, the conversation as is, then the request for the log. */
export class LlmProceduralSummarizer implements ProceduralSummarizer {
  constructor(
    private readonly llm: LlmProvider,
    private readonly logger: WarnLogger,
    private readonly options: LlmCallOptions = {},
  ) {}

  /** The summary as plain text; an empty answer gives '' (logged), for the caller to not store. */
  async summarize(messages: ConversationMessage[], customPrompt?: string): Promise<string> {
    const system = customPrompt?.trim() ? customPrompt : PROCEDURAL_MEMORY_PROMPT;
    const answer = await this.llm.complete({
      messages: [
        { role: 'system', content: system },
        ...messages.map(toChatMessage),
        { role: 'user', content: PROCEDURAL_MEMORY_REQUEST },
      ],
      ...this.options,
    });
    const summary = stripCodeFence(answer);
    if (summary === '') {
      this.logger.warn(
        { fault: 'empty_answer', answerChars: answer.length },
        'procedural summary answer is empty',
      );
    }
    return summary;
  }
}

// Roles the chat API does not take (tool, function, ...) travel as user turns naming the role.
function toChatMessage(message: ConversationMessage): ChatMessage {
  const { role, content } = message;
  if (role === 'system' || role === 'user' || role === 'assistant') return { role, content };
  return { role: 'user', content: `${role}: ${content}` };
}
