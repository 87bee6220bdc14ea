import { inputLimits, isWellFormedText } from '@mnemo/contracts';

export interface InputProblem {
  path: (string | number)[];
  message: string;
}

interface Visit {
  node: unknown;
  key?: string | number;
  parent?: Visit;
}

const loneSurrogateMessage = 'must be valid UTF-16 text (lone surrogates are refused)';

/**
 * Walks a whole body, query or path value once, without recursion: every string and object key
 * must be valid UTF-16 (lone surrogates are refused, never stored), and the walk is bounded.
 */
export function findInputProblem(value: unknown): InputProblem | undefined {
  const stack: Visit[] = [{ node: value }];
  let nodes = 0;
  while (stack.length > 0) {
    const visit = stack.pop() as Visit;
    if (++nodes > inputLimits.requestNodes) {
      return { path: [], message: `must hold at most ${inputLimits.requestNodes} values` };
    }
    const { node } = visit;
    if (typeof node === 'string') {
      if (!isWellFormedText(node)) return { path: pathOf(visit), message: loneSurrogateMessage };
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const entries = Array.isArray(node) ? node.entries() : Object.entries(node);
    for (const [key, child] of entries) {
      if (typeof key === 'string' && !isWellFormedText(key)) {
        return { path: pathOf(visit), message: `has a key that ${loneSurrogateMessage}` };
      }
      stack.push({ node: child, key, parent: visit });
    }
  }
  return undefined;
}

function pathOf(visit: Visit): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Visit | undefined = visit; at?.key !== undefined; at = at.parent)
    path.unshift(at.key);
  return path;
}
