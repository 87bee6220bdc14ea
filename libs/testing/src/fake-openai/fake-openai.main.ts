// Runs the fake OpenAI-compatible server as its own process: `npx tsx fake-openai.main.ts --port 0`.
// Prints the base URL on one line, then serves until SIGINT or SIGTERM.
import { parseFakeOpenAiArgs } from './fake-openai.args';
import { FakeOpenAiServer } from './fake-openai.server';

async function main(): Promise<void> {
  const fake = await FakeOpenAiServer.start(
    parseFakeOpenAiArgs(process.argv.slice(2), process.env),
  );
  process.stdout.write(`${fake.baseURL}\n`);
  const stop = () => void fake.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`fake-openai failed to start: ${String(err)}\n`);
  process.exit(1);
});
