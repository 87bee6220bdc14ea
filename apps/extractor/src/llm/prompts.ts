import type { CategoryDefinition } from '../categories/category-definition';
import { categoriseByRules } from '../categories/category-rules';
import type { ConversationMessage } from '../extraction-steps';

/** The id and text of a memory as the model sees it: ids are small integers, never real ids. */
export interface ShownMemory {
  id: string;
  text: string;
}

const FACTS_JSON_INSTRUCTION =
  'Answer with one JSON object and nothing else, in this shape: {"facts": [{"fact": "fact one", "categories": ["category"]}, {"fact": "fact two", "categories": ["category", "another category"]}]}';

/** The categories to tag facts with, so one call gives both facts and categories. */
function categoriesSection(categories: CategoryDefinition[]): string {
  const list = categories.map((category) => `- ${category.name}: ${category.description}`);
  return `Tag every fact with the categories it belongs to, using only these names (one or more per fact):\n${list.join('\n')}`;
}

const USER_FACT_KINDS = `What to capture:
1. Preferences: likes, dislikes and preferences about food, products, activities, entertainment and the like.
2. Personal details: names, relationships, important dates, where they live.
3. Plans and intentions: upcoming events, trips, goals.
4. Activities and services: restaurants, travel, hobbies and services they use or prefer.
5. Health and wellness: diet, fitness, allergies and other health details.
6. Professional details: job title, employer, skills, career goals, work habits.
7. Everything else they single out: favourite books, films, brands, places.`;

interface Example {
  turns: string;
  facts: string[];
}

const USER_EXAMPLES: Example[] = [
  { turns: 'user: Hi, how are you today?', facts: [] },
  { turns: 'user: Why is the sky blue?', facts: [] },
  {
    turns: "user: I'm Priya, I work as a nurse in Leeds and I'm allergic to peanuts.",
    facts: ['Name is Priya', 'Works as a nurse', 'Lives in Leeds', 'Is allergic to peanuts'],
  },
  {
    turns:
      "user: In June I'm flying to Lisbon with my sister Ana.\nassistant: Lovely! Do try the custard tarts there.",
    facts: ['Plans a trip to Lisbon in June', 'Has a sister named Ana'],
  },
];

const AGENT_FACT_KINDS = `What to capture about the assistant:
1. Identity: its name, role and the persona it presents.
2. Preferences it states: what it likes, favours or recommends as its own taste.
3. Capabilities and knowledge: what it says it can do, and the areas it knows well.
4. Approach: how it says it works, its methods, its tone and rules it follows.
5. Plans: what it says it will do later.
6. Everything else it says about itself.`;

const AGENT_EXAMPLES: Example[] = [
  { turns: 'user: Hello!\nassistant: Hi, how can I help?', facts: [] },
  {
    turns:
      "user: Who are you and what do you like?\nassistant: I'm Nova, a travel planner. I always suggest trains over short flights, and I love planning trips to Japan.",
    facts: [
      'Name is Nova',
      'Works as a travel planner',
      'Suggests trains over short flights',
      'Loves planning trips to Japan',
    ],
  },
];

// Rendered once per category list object (the default list is one constant), per example set.
const renderedExamples = new WeakMap<CategoryDefinition[], Map<Example[], string>>();

// The examples' categories come from the list in use, so every example answer is one to copy.
function examplesSection(examples: Example[], categories: CategoryDefinition[]): string {
  let bySet = renderedExamples.get(categories);
  if (!bySet) {
    bySet = new Map();
    renderedExamples.set(categories, bySet);
  }
  let text = bySet.get(examples);
  if (text === undefined) {
    text = renderExamples(examples, categories);
    bySet.set(examples, text);
  }
  return text;
}

function renderExamples(examples: Example[], categories: CategoryDefinition[]): string {
  const rendered = examples.map(({ turns, facts }) => {
    const tagged = categoriseByRules(facts, categories);
    const answer = facts.map((fact, index) => ({ fact, categories: tagged[index] ?? [] }));
    return `Input:\n${turns}\nOutput: ${JSON.stringify({ facts: answer })}`;
  });
  return `Examples:\n${rendered.join('\n\n')}`;
}

/** Fact extraction from the user's turns (Mem0's default "user memory" extraction). */
export function userFactExtractionPrompt(today: string, categories: CategoryDefinition[]): string {
  return `You keep the long-term memory of a user. Read the conversation and write down short, atomic facts about the user that will help personalise later conversations.

${USER_FACT_KINDS}

Rules:
- Take facts only from the lines that start with "user:". Lines from the assistant or the system are context, never a source of facts.
- Each fact is one short statement that stands on its own ("Is vegetarian", "Has a dog named Max"), not a sentence copied from the chat.
- Write each fact in the language the user wrote in.
- Today's date is ${today}. Turn relative dates ("tomorrow", "last week") into calendar dates when the conversation makes them clear.
- Greetings, small talk, questions and general knowledge give no facts. When nothing is worth remembering, return an empty list.
- Never repeat these instructions in a fact.

${categoriesSection(categories)}

${FACTS_JSON_INSTRUCTION}

${examplesSection(USER_EXAMPLES, categories)}`;
}

/** Fact extraction from the assistant's turns, for an agent's own memory. */
export function agentFactExtractionPrompt(today: string, categories: CategoryDefinition[]): string {
  return `You keep the long-term memory of an AI assistant. Read the conversation and write down short, atomic facts about the assistant itself that will keep it consistent in later conversations.

${AGENT_FACT_KINDS}

Rules:
- Take facts only from the lines that start with "assistant:". Lines from the user or the system are context, never a source of facts.
- Each fact is one short statement that stands on its own ("Name is Nova"), not a sentence copied from the chat.
- Write each fact in the language the assistant wrote in.
- Today's date is ${today}. Turn relative dates into calendar dates when the conversation makes them clear.
- Greetings, small talk and general knowledge give no facts. When nothing is worth remembering, return an empty list.
- Never repeat these instructions in a fact.

${categoriesSection(categories)}

${FACTS_JSON_INSTRUCTION}

${examplesSection(AGENT_EXAMPLES, categories)}`;
}

/**
 * Custom instructions replace the prompt; the date, the categories and, when the instructions do
 * not speak of JSON, the answer's shape are added.
 */
export function customFactExtractionPrompt(
  instructions: string,
  today: string,
  categories: CategoryDefinition[],
): string {
  const parts = [instructions.trim(), `Today's date is ${today}.`, categoriesSection(categories)];
  if (!/json/i.test(instructions)) parts.push(FACTS_JSON_INSTRUCTION);
  return parts.join('\n\n');
}

/** The extraction call's user message: `Input:` and one `role: content` line per turn. */
export function factExtractionInput(messages: ConversationMessage[]): string {
  return `Input:\n${messages.map((m) => `${m.role}: ${m.content}`).join('\n')}`;
}

const UPDATE_RULES = `You maintain a memory store. Compare the newly learned facts with the memories already stored, and choose one operation for each stored memory and each new fact:

- ADD: the fact is new information that no memory holds. Give it a new id (the next unused number) and use the fact's own wording as its text.
- UPDATE: the fact is about the same thing as a memory but adds detail or changes it. Keep the memory's id, write the combined text, and put the previous text in "old_memory". When both say the same thing in different words, keep the one with more information ("Likes cricket" and "Loves playing cricket with friends": keep the second); when they are equivalent, do not update.
- DELETE: the fact contradicts a memory, or the user asks to forget it. Keep the memory's id. When a fact replaces what a memory said, also ADD the fact itself, so it is not lost.
- NONE: the memory already holds the fact, or the fact is irrelevant. Keep the memory's id; nothing changes.

Rules:
- For UPDATE, DELETE and NONE use only the ids listed under "Current memories". Never invent an id.
- List every current memory once, with its operation (NONE when it stays as it is).
- Every new fact ends up ADDed, merged into an UPDATE, or already present (NONE).
- Keep the language of the memories and facts.

Example:
Current memories: [{"id":"0","text":"Likes cheese pizza"},{"id":"1","text":"Works as a teacher"},{"id":"2","text":"Has a cat"}]
New facts: ["Dislikes cheese pizza", "Works as a head teacher", "Has a cat"]
Answer: {"memory":[{"id":"0","text":"Likes cheese pizza","event":"DELETE"},{"id":"1","text":"Works as a head teacher","event":"UPDATE","old_memory":"Works as a teacher"},{"id":"2","text":"Has a cat","event":"NONE"},{"id":"3","text":"Dislikes cheese pizza","event":"ADD"}]}`;

const UPDATE_ANSWER_SHAPE = `Answer with one JSON object and nothing else, in this shape:
{"memory": [{"id": "<id>", "text": "<memory text>", "event": "ADD" | "UPDATE" | "DELETE" | "NONE", "old_memory": "<previous text, UPDATE only>"}]}`;

/** The single user message of the update-decision call. */
export function updateDecisionPrompt(memories: ShownMemory[], facts: string[]): string {
  const current =
    memories.length === 0
      ? 'Current memory is empty.'
      : `Current memories:\n${JSON.stringify(memories.map(({ id, text }) => ({ id, text })))}`;
  return `${UPDATE_RULES}\n\n${current}\n\nNew facts:\n${JSON.stringify(facts)}\n\n${UPDATE_ANSWER_SHAPE}`;
}

/** System prompt of Mem0's procedural memory: a faithful, numbered log of an agent's work. */
export const PROCEDURAL_MEMORY_PROMPT = `You write the procedural memory of an AI agent: a complete, step-by-step record of what the agent did in the conversation, detailed enough that it could resume or repeat the work without seeing the conversation again.

Start with an overview:
- Task objective: what the agent was asked to achieve.
- Progress: how far it got, as a percentage or as the milestones reached.

Then number every action the agent took, in order. For each step give:
1. Action: what the agent did, with its parameters or target.
2. Result: the output of the action, copied exactly as it appeared. Never shorten, paraphrase or reformat it.
3. Findings: facts, values or observations learned from the result.
4. Navigation: where the agent went (addresses, pages, files, elements), if anywhere.
5. Errors: error messages or problems met, and any recovery attempted.
6. Context: the state after the step and what the agent meant to do next.

Keep every piece of data exactly as given: numbers, identifiers, addresses and quoted text. Keep the steps in their original order. Write plain text.`;

/** The last user turn of the procedural call. */
export const PROCEDURAL_MEMORY_REQUEST =
  'Write the procedural memory of the conversation above, as your instructions describe.';

export const INSTRUCTIONS_MARKER = 'INSTRUCTIONS:';
export const TEST_MESSAGE_MARKER = 'TEST_MESSAGE:';

/** System prompt of `POST /generate-instructions`. */
export const GENERATE_INSTRUCTIONS_PROMPT = `You help developers set up a memory layer for their AI application. From a description of the application's use case, write custom instructions that tell a fact-extraction model which facts to remember from conversations and which to leave out, and one realistic message from an end user that those instructions should find facts in.

The instructions:
- speak to the extraction model directly, in the imperative;
- list the kinds of facts that matter for this use case, each with a short example;
- list what to leave out (small talk, sensitive details the use case does not need, and so on);
- stay under 200 words.

Answer in exactly this format, with nothing before or after:
${INSTRUCTIONS_MARKER}
<the custom instructions>
${TEST_MESSAGE_MARKER}
<one example message from an end user>`;

export function generateInstructionsRequest(useCase: string): string {
  return `Use case: ${useCase.trim()}`;
}
