import { diffWords } from 'diff';

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** A word diff of one history entry: an ADD is all added, a DELETE all removed. */
export function textDiff(before: string | null, after: string | null): DiffPart[] {
  return diffWords(before ?? '', after ?? '').map((change) => ({
    kind: change.added ? 'added' : change.removed ? 'removed' : 'same',
    text: change.value,
  }));
}
