#!/usr/bin/env node
import { CommanderError } from 'commander';
import { ApiError } from './http-json';
import { buildProgram, type ExitCode } from './program';
import { UsageError } from './targets';

/** `mnemo ...`: runs one command and exits with its code (2 for a usage mistake). */
async function main(): Promise<number> {
  const exit: ExitCode = { code: 0 };
  const program = buildProgram(exit).exitOverride();
  try {
    await program.parseAsync(process.argv);
    return exit.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander printed the message (or the help, or the version) already
      return error.exitCode === 0 ? 0 : 2;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`mnemo: ${error.message}\n`);
      return 2;
    }
    if (error instanceof ApiError) {
      process.stderr.write(`mnemo: ${describeApiError(error)}\n`);
      return 1;
    }
    process.stderr.write(`mnemo: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

function describeApiError(error: ApiError): string {
  const where = new URL(error.url).origin;
  if (error.status === 401) return `${where} refused the key: ${error.detail}`;
  if (error.status === 403) return `${where} does not let this key do that: ${error.detail}`;
  return `${where}: ${error.message}`;
}

// Exits at once: an idle keep-alive connection must not hold a finished command open.
void main().then((code) => process.exit(code));
