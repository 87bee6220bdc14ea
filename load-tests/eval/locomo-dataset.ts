import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const turnSchema = z.object({ speaker: z.string(), dia_id: z.string(), text: z.string() });
const questionSchema = z.object({
  question: z.string(),
  // Malformed in a few entries ("D8:6; D9:17", "D10 3"): split and kept only where the id exists.
  evidence: z.array(z.string()),
  category: z.number().int(),
});
const conversationSchema = z
  .object({ qa: z.array(questionSchema) })
  .catchall(z.unknown())
  .transform((raw) => ({
    qa: raw.qa,
    turns: Object.entries(raw)
      .filter(([key]) => /^session_\d+$/.test(key))
      .flatMap(([, value]) => z.array(turnSchema).parse(value)),
  }));

export interface LocomoTurn {
  diaId: string;
  /** What is added: `"<speaker>: <text>"`. */
  text: string;
}

export interface LocomoQuestion {
  question: string;
  category: number;
  /** Valid evidence turn ids, at least one. */
  evidence: string[];
}

export interface LocomoConversation {
  name: string;
  turns: LocomoTurn[];
  questions: LocomoQuestion[];
  /** Questions dropped for having no evidence id that names a turn. */
  withoutEvidence: number;
}

/** Every `*.json` conversation of `dir`, in name order. */
export function loadLocomo(dir: string): LocomoConversation[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.json'))
    .sort()
    .map((name) =>
      parseConversation(name.replace(/\.json$/, ''), readFileSync(join(dir, name), 'utf8')),
    );
}

export function parseConversation(name: string, json: string): LocomoConversation {
  const raw = conversationSchema.parse(JSON.parse(json));
  const turns = raw.turns.map((turn) => ({
    diaId: turn.dia_id,
    text: `${turn.speaker}: ${turn.text}`,
  }));
  const known = new Set(turns.map((turn) => turn.diaId));
  const questions: LocomoQuestion[] = [];
  for (const qa of raw.qa) {
    const evidence = [...new Set(qa.evidence.flatMap(evidenceIds))].filter((id) => known.has(id));
    if (evidence.length > 0)
      questions.push({ question: qa.question, category: qa.category, evidence });
  }
  return { name, turns, questions, withoutEvidence: raw.qa.length - questions.length };
}

/** "D8:6; D9:17" -> ["D8:6", "D9:17"]; "D10 3" names no turn and is dropped by the caller. */
export function evidenceIds(entry: string): string[] {
  return entry.split(/[;,\s]+/).filter((id) => id.length > 0);
}
