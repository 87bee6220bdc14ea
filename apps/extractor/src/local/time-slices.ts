import { performance } from 'node:perf_hooks';

/** How long synchronous extraction may hold the event loop before it lets other work run. */
export const sliceMs = 4;

/**
 * Cooperative scheduling for CPU-bound extraction: `pause()` yields to the event loop (heartbeats,
 * acks, other tenants' requests) once the current slice has run for `sliceMs`.
 */
export class TimeSlices {
  private sliceStart = performance.now();

  async pause(): Promise<void> {
    if (performance.now() - this.sliceStart < sliceMs) return;
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.sliceStart = performance.now();
  }
}

/** Longest piece of one turn the NLP reads at once, so a single long message is cut into slices. */
const segmentChars = 1_000;

/** A turn cut at sentence ends into pieces of about `segmentChars`; pieces rejoin to the turn. */
export function segmentsOf(turn: string): string[] {
  if (turn.length <= segmentChars) return [turn];
  const segments: string[] = [];
  let start = 0;
  while (start < turn.length) {
    let end = Math.min(start + segmentChars, turn.length);
    if (end < turn.length) {
      const window = turn.slice(start, end);
      const cut = Math.max(
        window.lastIndexOf('. '),
        window.lastIndexOf('! '),
        window.lastIndexOf('? '),
        window.lastIndexOf('\n'),
      );
      if (cut > segmentChars / 4) end = start + cut + 1;
    }
    segments.push(turn.slice(start, end));
    start = end;
  }
  return segments;
}
