import { maxFilterDepth } from './filters/filter.parser';
import {
  boundedFiltersObject,
  boundedJsonObject,
  collectChunks,
  entityIdSchema,
  inputLimits,
  isWellFormedText,
  jsonDepth,
  withinReplyBudget,
} from './input-limits';
import { isoDate } from './memory.schemas';

function nested(depth: number): Record<string, unknown> {
  let value: Record<string, unknown> = {};
  for (let i = 1; i < depth; i++) value = { a: value };
  return value;
}

describe('input limits', () => {
  it('tells lone surrogates from pairs', () => {
    expect(isWellFormedText('emoji 😀 and RTL \u202e')).toBe(true);
    expect(isWellFormedText('lone \ud800 high')).toBe(false);
    expect(isWellFormedText('lone \udc00 low')).toBe(false);
    expect(isWellFormedText('\ud83d')).toBe(false);
  });

  it('refuses entity ids that are empty, too long, carry control characters or lone surrogates', () => {
    expect(entityIdSchema.safeParse('alice@example.com').success).toBe(true);
    expect(entityIdSchema.safeParse('').success).toBe(false);
    expect(entityIdSchema.safeParse('x'.repeat(inputLimits.entityIdChars + 1)).success).toBe(false);
    expect(entityIdSchema.safeParse('a\u0000b').success).toBe(false);
    expect(entityIdSchema.safeParse('a\r\nb').success).toBe(false);
    expect(entityIdSchema.safeParse('a\ud800').success).toBe(false);
  });

  it('measures depth without recursion, even 100,000 levels deep', () => {
    expect(jsonDepth('x')).toBe(0);
    expect(jsonDepth({})).toBe(1);
    expect(jsonDepth({ a: [{ b: 1 }] })).toBe(3);
    expect(jsonDepth(nested(100_000))).toBe(100_000);
  });

  it('bounds JSON objects by depth and bytes', () => {
    const schema = boundedJsonObject();
    expect(schema.safeParse(nested(inputLimits.jsonDepth)).success).toBe(true);
    expect(schema.safeParse(nested(inputLimits.jsonDepth + 1)).success).toBe(false);
    expect(schema.safeParse({ a: 'x'.repeat(inputLimits.jsonBytes) }).success).toBe(false);
  });

  it('lets filters nest as deep as the filter parser allows, and no deeper', () => {
    let filter: Record<string, unknown> = { user_id: 'alice' };
    for (let i = 0; i < maxFilterDepth; i++) filter = { AND: [filter] };
    expect(boundedFiltersObject().safeParse(filter).success).toBe(true);
    expect(boundedFiltersObject().safeParse({ AND: [{ OR: [filter] }] }).success).toBe(false);
  });

  it('takes real calendar days only', () => {
    expect(isoDate.safeParse('2026-02-28').success).toBe(true);
    expect(isoDate.safeParse('0001-01-01').success).toBe(true);
    expect(isoDate.safeParse('2024-02-29').success).toBe(true);
    expect(isoDate.safeParse('0000-00-00').success).toBe(false);
    expect(isoDate.safeParse('2025-02-29').success).toBe(false);
    expect(isoDate.safeParse('2025-13-01').success).toBe(false);
  });

  it('cuts a reply to the budget but always keeps one item', () => {
    const rows = Array.from({ length: 10 }, () => 'x'.repeat(100));
    expect(withinReplyBudget(rows, 350)).toHaveLength(3);
    expect(withinReplyBudget(['y'.repeat(1000)], 10)).toHaveLength(1);
    expect(withinReplyBudget([], 10)).toEqual([]);
  });

  it('gathers a page over replies cut short, from where each stopped', async () => {
    const rows = Array.from({ length: 25 }, (_, i) => i);
    const asked: Array<[number, number]> = [];
    const page = await collectChunks(12, 5, (limit, offset) => {
      asked.push([limit, offset]);
      const cut = Math.min(limit, 5);
      return Promise.resolve({ results: rows.slice(offset, offset + cut), total: rows.length });
    });
    expect(page).toEqual({ results: rows.slice(5, 17), total: 25 });
    expect(asked).toEqual([
      [12, 5],
      [7, 10],
      [2, 15],
    ]);
  });

  it('stops at the end of the list', async () => {
    const page = await collectChunks(10, 0, (limit, offset) =>
      Promise.resolve({ results: [1, 2, 3].slice(offset, offset + Math.min(limit, 2)), total: 3 }),
    );
    expect(page).toEqual({ results: [1, 2, 3], total: 3 });
  });
});
