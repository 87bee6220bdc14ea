import { summaryLine } from './jest-summary';

describe(summaryLine.name, () => {
  const counts = {
    numPassedTests: 12,
    numFailedTests: 1,
    numPendingTests: 0,
    numTodoTests: 0,
    numRuntimeErrorTestSuites: 0,
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
