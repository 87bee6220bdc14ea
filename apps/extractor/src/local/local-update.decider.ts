import type { MemoryDecision, UpdateDecider, UpdateDecisionInput } from '../extraction-steps';
import type { ClassifiedFact } from './fact-category';
import { classifyFact } from './fact-classifier';
import { relate, type FactRelation } from './fact-relation';
import { TimeSlices } from './time-slices';

/** A memory as this batch leaves it: stored (with id) or about to be added (without). */
interface Entry {
  id?: string;
  text: string;
  fact: ClassifiedFact;
  /** The decision that wrote this entry in this batch, amended if a later fact changes it again. */
  decision?: MemoryDecision;
}

/** Strongest first: a repeat beats a contradiction beats a refinement beats a replacement. */
const PRECEDENCE: readonly FactRelation[] = ['same', 'contradicts', 'refines', 'replaces'];

/**
 * Mem0's update step without a language model: each fact is matched by attribute against the related
 * memories and the facts before it, then repeated (NONE), changed (UPDATE), contradicted (DELETE + ADD)
 * or new (ADD).
 */
export class LocalUpdateDecider implements UpdateDecider {
  /** Decides fact by fact, yielding the event loop between slices of a few ms. */
  async decide(input: UpdateDecisionInput): Promise<MemoryDecision[]> {
    const decisions: MemoryDecision[] = [];
    const slices = new TimeSlices();
    for (const _step of decisionSteps(input, decisions)) await slices.pause();
    return decisions;
  }
}

export function decideUpdates(input: UpdateDecisionInput): MemoryDecision[] {
  const decisions: MemoryDecision[] = [];
  for (const _step of decisionSteps(input, decisions));
  return decisions;
}

/** One step per stored memory classified and per fact decided, so callers can pause between. */
function* decisionSteps(
  { facts, existing }: UpdateDecisionInput,
  decisions: MemoryDecision[],
): Generator<void> {
  const entries: Entry[] = [];
  for (const memory of existing) {
    entries.push({ id: memory.id, text: memory.text, fact: classifyFact(memory.text) });
    yield;
  }
  for (const text of facts.map((fact) => fact.trim()).filter(Boolean)) {
    decideOne(text, entries, decisions);
    yield;
  }
}

function decideOne(text: string, entries: Entry[], decisions: MemoryDecision[]): void {
  const fact = classifyFact(text);
  const related = entries.map((entry) => ({ entry, relation: relate(fact, entry.fact) }));
  const relation = PRECEDENCE.find((kind) => related.some((r) => r.relation === kind));
  const matches = related.filter((r) => r.relation === relation).map((r) => r.entry);
  if (relation === 'same') {
    const [entry] = matches;
    decisions.push(
      entry.id ? { event: 'NONE', id: entry.id, text: entry.text } : { event: 'NONE', text },
    );
  } else if (relation === 'contradicts') {
    for (const entry of matches) remove(entry, entries, decisions);
    add(text, fact, entries, decisions);
  } else if (relation === 'refines' || relation === 'replaces') {
    const [first, ...rest] = matches;
    rewrite(first, text, fact, decisions);
    for (const entry of rest) remove(entry, entries, decisions);
  } else {
    add(text, fact, entries, decisions);
  }
}

function add(
  text: string,
  fact: ClassifiedFact,
  entries: Entry[],
  decisions: MemoryDecision[],
): void {
  const decision: MemoryDecision = { event: 'ADD', text };
  decisions.push(decision);
  entries.push({ text, fact, decision });
}

/** UPDATE a stored memory, or amend this batch's own ADD/UPDATE of it so each memory gets one decision. */
function rewrite(
  entry: Entry,
  text: string,
  fact: ClassifiedFact,
  decisions: MemoryDecision[],
): void {
  const previous = entry.decision;
  if (previous && (previous.event === 'ADD' || previous.event === 'UPDATE')) {
    const amended: MemoryDecision = { ...previous, text };
    decisions[decisions.indexOf(previous)] = amended;
    entry.decision = amended;
  } else if (entry.id) {
    entry.decision = { event: 'UPDATE', id: entry.id, text, oldMemory: entry.text };
    decisions.push(entry.decision);
  }
  entry.text = text;
  entry.fact = fact;
}

/** DELETE a stored memory, or withdraw this batch's own ADD of it. */
function remove(entry: Entry, entries: Entry[], decisions: MemoryDecision[]): void {
  entries.splice(entries.indexOf(entry), 1);
  const previous = entry.decision;
  if (previous?.event === 'ADD') {
    decisions.splice(decisions.indexOf(previous), 1);
  } else if (entry.id) {
    if (previous) decisions.splice(decisions.indexOf(previous), 1);
    decisions.push({ event: 'DELETE', id: entry.id, text: oldTextOf(entry, previous) });
  }
}

function oldTextOf(entry: Entry, previous: MemoryDecision | undefined): string {
  return previous?.event === 'UPDATE' ? previous.oldMemory : entry.text;
}
