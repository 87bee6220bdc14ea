import { readFile } from 'node:fs/promises';
import { z } from 'zod';

// The fields of jest's --json output that the closing lines are made of.
const jestResultsSchema = z.object({
  numPassedTests: z.number(),
  numFailedTests: z.number(),
  numPendingTests: z.number(),
  numTodoTests: z.number().default(0),
  numRuntimeErrorTestSuites: z.number(),
  testResults: z
    .array(
      z.object({
        name: z.string(),
        startTime: z.number(),
        endTime: z.number(),
        assertionResults: z.array(z.unknown()).default([]),
      }),
    )
    .default([]),
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

/** The jest project a suite file belongs to, by the naming the projects match on. */
export function projectOf(file: string): 'e2e' | 'integration' | 'unit' {
  if (file.endsWith('.e2e-spec.ts')) return 'e2e';
  if (file.endsWith('.int.spec.ts')) return 'integration';
  return 'unit';
}

/**
 * One line per project: its suites and tests, the time its suites ran (summed: suites of one
 * project run side by side with the others'), and from its first start to its last end.
 */
export function projectLines(counts: JestCounts): string[] {
  const projects = new Map<
    string,
    { suites: number; tests: number; ms: number; start: number; end: number }
  >();
  for (const suite of counts.testResults) {
    const name = projectOf(suite.name);
    const project = projects.get(name) ?? { suites: 0, tests: 0, ms: 0, start: Infinity, end: 0 };
    project.suites += 1;
    project.tests += suite.assertionResults.length;
    project.ms += Math.max(0, suite.endTime - suite.startTime);
    project.start = Math.min(project.start, suite.startTime);
    project.end = Math.max(project.end, suite.endTime);
    projects.set(name, project);
  }
  return ['unit', 'integration', 'e2e'].flatMap((name) => {
    const project = projects.get(name);
    if (!project) return [];
    const seconds = (ms: number) => `${(ms / 1000).toFixed(0)} s`;
    return [
      `${name}: ${project.suites} suites, ${project.tests} tests, ${seconds(project.ms)} of suite time, ` +
        `${seconds(project.end - project.start)} from first start to last end`,
    ];
  });
}
