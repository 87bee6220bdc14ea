import type { LlmProvider } from '@mnemo/providers';

/** Injection token of the optional LLM: `@Inject(LLM) llm: LlmProvider | null`. */
export const LLM = Symbol('LLM');

export type OptionalLlm = LlmProvider | null;
