import { readFile } from 'node:fs/promises';
import { z } from 'zod';

// The fields of jest's --json output that the closing line is made of.
const jestResultsSchema = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number().default(0),
  numRuntimeErrorTestSuites: z.number(),
});

export type JestCounts = z.infer<typeof jestResultsSchema>;

export async function readJestCounts(file: string): Promise<JestCounts> {
  return jestResultsSchema.parse(JSON.parse(await readFile(file, 'utf8')));
}

/**
 * The plain closing line `N passed, N failed[, N skipped]`. A suite that could not run (a
 * compile error, a failing beforeAll outside any test) counts as one failure.
 */
export function summaryLine(counts: JestCounts): string {
  const failed = counts.numFailedTests + counts.numRuntimeErrorTestSuites;
  const skipped = counts.numPendingTests + counts.numTodoTests;
  const line = `${counts.numPassedTests} passed, ${failed} failed`;
  return skipped > 0 ? `${line}, ${skipped} skipped` : line;
}
