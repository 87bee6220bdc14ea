import type { MemoryDecision } from '../extraction-steps';
import { isRecord, normaliseMemoryText, parseJsonAnswer, type JsonAnswerFault } from './llm-answer';

/** A memory shown to the model: `id` is the small integer it saw, `realId` the stored one. */
export interface MappedMemory {
  id: string;
  realId: string;
  text: string;
}

/** Each fault has one defined outcome; see `resolveUpdateAnswer`. */
export type UpdateAnswerFault =
  | JsonAnswerFault
  | 'missing_memory_key'
  | 'empty_memory_list'
  | 'malformed_item'
  | 'missing_event'
  | 'unknown_event'
  | 'unknown_id'
  | 'empty_text'
  | 'conflicting_id'
  | 'duplicate_add'
  | 'duplicate_delete'
  | 'lost_fact';

export interface ResolvedDecisions {
  decisions: MemoryDecision[];
  /** fault -> how many times it occurred in this answer */
  faults: Map<UpdateAnswerFault, number>;
}

// Faults that drop an item, and with it maybe the only trace of a fact.
const ITEM_DROPPING_FAULTS: readonly UpdateAnswerFault[] = [
  'malformed_item',
  'missing_event',
  'unknown_event',
  'unknown_id',
  'empty_text',
  'conflicting_id',
];

type Event = MemoryDecision['event'];
const EVENTS: readonly Event[] = ['ADD', 'UPDATE', 'DELETE', 'NONE'];

interface AnswerItem {
  id: string | undefined;
  text: string;
  event: string | undefined;
}

/**
 * Turns the model's answer into decisions on real ids, never touching a memory it was not shown
 * and never losing a fact: an unreadable answer falls back to ADDing every fact that is not
 * already stored word for word.
 */
export function resolveUpdateAnswer(
  answer: string,
  facts: string[],
  shown: MappedMemory[],
): ResolvedDecisions {
  const faults = new Map<UpdateAnswerFault, number>();
  const items = answerItems(answer, faults);
  if (items === undefined) return { decisions: addEveryNewFact(facts, shown), faults };
  const resolver = new ItemResolver(shown, faults);
  items.forEach((item) => resolver.take(item, facts));
  resolver.settleNone();
  rescueLostFacts(resolver.decisions, facts, shown, faults);
  return { decisions: resolver.decisions, faults };
}

/** The outcome when the model cannot be used: ADD new facts, NONE for ones stored word for word. */
export function addEveryNewFact(facts: string[], shown: MappedMemory[]): MemoryDecision[] {
  const stored = new Map(shown.map((m) => [normaliseMemoryText(m.text), m]));
  const seen = new Set<string>();
  const decisions: MemoryDecision[] = [];
  for (const fact of facts) {
    const key = normaliseMemoryText(fact);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    const existing = stored.get(key);
    decisions.push(
      existing
        ? { event: 'NONE', id: existing.realId, text: existing.text }
        : { event: 'ADD', text: fact.trim() },
    );
  }
  return decisions;
}

function answerItems(
  answer: string,
  faults: Map<UpdateAnswerFault, number>,
): AnswerItem[] | undefined {
  const parsed = parseJsonAnswer(answer);
  if (!parsed.ok) return void count(faults, parsed.fault);
  const list = isRecord(parsed.value) ? parsed.value['memory'] : parsed.value;
  if (!Array.isArray(list)) return void count(faults, 'missing_memory_key');
  if (list.length === 0) return void count(faults, 'empty_memory_list');
  const items: AnswerItem[] = [];
  for (const raw of list) {
    if (isRecord(raw)) items.push(toItem(raw));
    else count(faults, 'malformed_item');
  }
  return items;
}

function toItem(raw: Record<string, unknown>): AnswerItem {
  const { id, text, event } = raw;
  return {
    id: typeof id === 'string' || typeof id === 'number' ? String(id).trim() : undefined,
    text: typeof text === 'string' ? text.trim() : '',
    event: typeof event === 'string' ? event.trim().toUpperCase() : undefined,
  };
}

class ItemResolver {
  readonly decisions: MemoryDecision[] = [];
  private readonly byId: Map<string, MappedMemory>;
  private readonly decided = new Set<string>();
  private readonly noneIds: string[] = [];
  private readonly added = new Set<string>();

  constructor(
    private readonly shown: MappedMemory[],
    private readonly faults: Map<UpdateAnswerFault, number>,
  ) {
    this.byId = new Map(shown.map((m) => [m.id, m]));
  }

  take(item: AnswerItem, facts: string[]): void {
    const event = this.eventOf(item);
    if (event === undefined) return;
    if (event === 'ADD') return this.add(item.text);
    const memory = item.id === undefined ? undefined : this.byId.get(item.id);
    if (event === 'NONE') return this.none(memory, item.text);
    if (!memory) return void count(this.faults, 'unknown_id');
    if (this.decided.has(memory.id)) return void count(this.faults, 'conflicting_id');
    if (event === 'DELETE') return this.delete(memory, facts);
    this.update(memory, item.text);
  }

  /** NONE never blocks another operation on the same memory, so it is settled last. */
  settleNone(): void {
    for (const id of this.noneIds) {
      const memory = this.byId.get(id);
      if (!memory || this.decided.has(id)) continue;
      this.decided.add(id);
      this.decisions.push({ event: 'NONE', id: memory.realId, text: memory.text });
    }
  }

  // Without a known event, an item with a fresh id and a text can only mean a new memory.
  private eventOf(item: AnswerItem): Event | undefined {
    const known = EVENTS.find((e) => e === item.event);
    if (known) return known;
    count(this.faults, item.event === undefined ? 'missing_event' : 'unknown_event');
    const fresh = item.id === undefined || !this.byId.has(item.id);
    return fresh && item.text !== '' ? 'ADD' : undefined;
  }

  private add(text: string): void {
    if (text === '') return void count(this.faults, 'empty_text');
    const key = normaliseMemoryText(text);
    const stored = this.shown.find((m) => normaliseMemoryText(m.text) === key);
    if (stored || this.added.has(key)) {
      count(this.faults, 'duplicate_add');
      if (stored) this.noneIds.push(stored.id);
      return;
    }
    this.added.add(key);
    this.decisions.push({ event: 'ADD', text });
  }

  private none(memory: MappedMemory | undefined, text: string): void {
    if (memory) this.noneIds.push(memory.id);
    else if (text !== '') this.decisions.push({ event: 'NONE', text });
  }

  // Mem0 #1674: re-stating a stored fact made models delete it; such a DELETE is taken as NONE.
  private delete(memory: MappedMemory, facts: string[]): void {
    const key = normaliseMemoryText(memory.text);
    if (facts.some((fact) => normaliseMemoryText(fact) === key)) {
      count(this.faults, 'duplicate_delete');
      this.noneIds.push(memory.id);
      return;
    }
    this.decided.add(memory.id);
    this.decisions.push({ event: 'DELETE', id: memory.realId, text: memory.text });
  }

  private update(memory: MappedMemory, text: string): void {
    if (text === '') return void count(this.faults, 'empty_text');
    if (normaliseMemoryText(text) === normaliseMemoryText(memory.text)) {
      this.noneIds.push(memory.id);
      return;
    }
    this.decided.add(memory.id);
    this.decisions.push({ event: 'UPDATE', id: memory.realId, text, oldMemory: memory.text });
  }
}

/**
 * Mem0 #4536: a contradiction deleted the old memory and dropped the new fact. When the answer
 * deletes anything or an item was dropped, each fact no ADD or UPDATE carries and no kept memory
 * holds is ADDed: a near-duplicate is cheaper than a lost fact.
 */
function rescueLostFacts(
  decisions: MemoryDecision[],
  facts: string[],
  shown: MappedMemory[],
  faults: Map<UpdateAnswerFault, number>,
): void {
  const dropped = ITEM_DROPPING_FAULTS.some((fault) => faults.has(fault));
  if (!dropped && !decisions.some((d) => d.event === 'DELETE')) return;
  const deleted = new Set(decisions.flatMap((d) => (d.event === 'DELETE' ? [d.id] : [])));
  const covered = new Set(
    [
      ...decisions.flatMap((d) => (d.event === 'ADD' || d.event === 'UPDATE' ? [d.text] : [])),
      ...shown.filter((m) => !deleted.has(m.realId)).map((m) => m.text),
    ].map(normaliseMemoryText),
  );
  for (const fact of facts) {
    const key = normaliseMemoryText(fact);
    if (key === '' || covered.has(key)) continue;
    covered.add(key);
    count(faults, 'lost_fact');
    decisions.push({ event: 'ADD', text: fact.trim() });
  }
}

function count(faults: Map<UpdateAnswerFault, number>, fault: UpdateAnswerFault): void {
  faults.set(fault, (faults.get(fault) ?? 0) + 1);
}
