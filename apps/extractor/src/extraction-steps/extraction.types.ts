import type { CategoryDefinition } from '../categories/category-definition';

/** A conversation turn as the add request carried it. */
export interface ConversationMessage {
  role: string;
  content: string;
  name?: string;
}

export interface FactExtractionInput {
  messages: ConversationMessage[];
  /** custom extraction instructions (Mem0's `prompt` / `custom_instructions`) */
  customInstructions?: string;
  /** true when facts are to be taken from the assistant's turns (agent memory) */
  agentMemory: boolean;
  /** today's date, YYYY-MM-DD, for resolving relative dates */
  today: string;
}

/** Facts one add may yield: bounds the related-memory searches and update decisions per add. */
export const maxFactsPerAdd = 200;

/** Step 1 of Mem0's classic algorithm: short, atomic, self-contained facts. */
export interface FactExtractor {
  extractFacts(input: FactExtractionInput): Promise<string[]>;
}

/** A fact and the categories it was filed under in the same pass. */
export interface CategorisedFact {
  text: string;
  categories: string[];
}

export interface CategorisedExtractionInput extends FactExtractionInput {
  /** the categories to choose from: the request's, the project's or Mem0's defaults */
  categories: CategoryDefinition[];
}

/** Step 1 with categories: one pass (one LLM call, or the offline rules) yields both. */
export interface CategorisedFactExtractor {
  extract(input: CategorisedExtractionInput): Promise<CategorisedFact[]>;
}

export interface ExistingMemory {
  id: string;
  text: string;
}

export type MemoryDecision =
  | { event: 'ADD'; text: string }
  | { event: 'UPDATE'; id: string; text: string; oldMemory: string }
  | { event: 'DELETE'; id: string; text: string }
  | { event: 'NONE'; id?: string; text: string };

export interface UpdateDecisionInput {
  facts: string[];
  /** related memories of the same scope, real ids */
  existing: ExistingMemory[];
}

/** Step 2: for each fact, ADD / UPDATE / DELETE / NONE against the related memories (real ids out). */
export interface UpdateDecider {
  decide(input: UpdateDecisionInput): Promise<MemoryDecision[]>;
}

/** Procedural memory: one verbatim, step-numbered summary of the agent's run. */
export interface ProceduralSummarizer {
  summarize(messages: ConversationMessage[], customPrompt?: string): Promise<string>;
}

export interface GeneratedInstructions {
  customInstructions: string;
  testMessage: string;
}

/** `POST /generate-instructions`: custom extraction instructions and a message to try them on. */
export interface InstructionGenerator {
  generate(useCase: string): Promise<GeneratedInstructions>;
}
