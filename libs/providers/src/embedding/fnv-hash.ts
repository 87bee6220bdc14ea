/** 32-bit FNV-1a over the UTF-16 code units of `text[start, end)`: stable across runs and hosts. */
export function fnv1a32(text: string, start = 0, end = text.length): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i += 1) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
