import { readFile } from 'node:fs/promises';
import { memoriesOfExport } from '../memory-shape';

/** The memories of a Mem0 export file (JSON: an array, or an object with `results`). */
export async function readExportFile(path: string): Promise<unknown[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${path} is not JSON: ${(error as Error).message}`);
  }
  try {
    return memoriesOfExport(parsed);
  } catch (error) {
    throw new Error(`${path}: ${(error as Error).message}`);
  }
}
