/** The CLI's version (apps/cli/package.json). */
export const cliVersion = '0.1.0';
