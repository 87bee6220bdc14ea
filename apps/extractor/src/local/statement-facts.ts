import { readClauses } from './conversation-text';
import { factsOfClause, type LocatedFact, type RuleContext } from './fact-rule';
import { FAMILY_RULES } from './rules/family.rules';
import { IDENTITY_RULES } from './rules/identity.rules';
import { AGENT_RULES, INTENT_RULES } from './rules/intent.rules';
import { TASTE_RULES } from './rules/taste.rules';

const SPEAKER_RULES = [...IDENTITY_RULES, ...FAMILY_RULES, ...TASTE_RULES, ...INTENT_RULES];
const AGENT_SPEAKER_RULES = [...SPEAKER_RULES, ...AGENT_RULES];

/** Names of every supported pattern, in the order they run. */
export const SUPPORTED_PATTERNS: readonly string[] = AGENT_SPEAKER_RULES.map((r) => r.name);

/** Facts the speaker states about themselves in one turn, placed at `offset` onwards. */
export function factsOfStatement(
  text: string,
  context: RuleContext & { agentMemory: boolean },
  offset = 0,
): LocatedFact[] {
  const rules = context.agentMemory ? AGENT_SPEAKER_RULES : SPEAKER_RULES;
  const found: LocatedFact[] = [];
  let at = offset;
  for (const clause of readClauses(text)) {
    found.push(...factsOfClause(clause, rules, context, at));
    at += clause.text.length + 1;
  }
  return found.sort((a, b) => a.at - b.at);
}
