import { projectLines, summaryLine } from './jest-summary';

describe(summaryLine.name, () => {
  const counts = {
    numPassedTests: 12,
    numFailedTests: 1,
    numPendingTests: 0,
    numTodoTests: 0,
    numRuntimeErrorTestSuites: 0,
    testResults: [],
  };

  it('prints passed and failed tests', () => {
    expect(summaryLine(counts)).toBe('12 passed, 1 failed');
  });

  it('counts a suite that could not run as a failure and adds skipped tests', () => {
    expect(summaryLine({ ...counts, numRuntimeErrorTestSuites: 2, numPendingTests: 3 })).toBe(
      '12 passed, 3 failed, 3 skipped',
    );
  });
});

describe(projectLines.name, () => {
  const suite = (name: string, startTime: number, endTime: number, tests: number) => ({
    name,
    startTime,
    endTime,
    assertionResults: Array.from({ length: tests }, () => ({})),
  });

  it('gives each project its suites, tests, summed suite time and span', () => {
    const testResults = [
      suite('/r/libs/a/src/x.spec.ts', 1_000, 3_000, 4),
      suite('/r/libs/a/src/y.spec.ts', 2_000, 4_000, 2),
      suite('/r/apps/v/src/z.int.spec.ts', 1_000, 11_000, 3),
      suite('/r/apps/mnemo-e2e/src/w.e2e-spec.ts', 5_000, 65_000, 7),
    ];
    expect(
      projectLines({
        numPassedTests: 16,
        numFailedTests: 0,
        numPendingTests: 0,
        numTodoTests: 0,
        numRuntimeErrorTestSuites: 0,
        testResults,
      }),
    ).toEqual([
      'unit: 2 suites, 6 tests, 4 s of suite time, 3 s from first start to last end',
      'integration: 1 suites, 3 tests, 10 s of suite time, 10 s from first start to last end',
      'e2e: 1 suites, 7 tests, 60 s of suite time, 60 s from first start to last end',
    ]);
  });
});
