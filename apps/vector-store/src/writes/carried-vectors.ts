import { decodeVector, DomainError } from '@mnemo/contracts';
import type { MemoryChange, WriteUnit } from './write-unit';

// Far above any embedding model's size; a bigger "vector" is a malformed message, not a model.
const maxDimensions = 16_384;
const base64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Dimensions per embedding model, as the embedder answered them: what a carried vector must match. */
export class ModelDimensions {
  private readonly known = new Map<string, number>();

  learn(model: string, dims: number): void {
    this.known.set(model, dims);
  }

  of(model: string): number | undefined {
    return this.known.get(model);
  }
}

/**
 * Decodes the vectors a unit carries into `embedded`, after checking they can be stored as they
 * are: a model named, whole float32s, finite values, one length, the model's known length.
 */
export function acceptCarriedVectors(unit: WriteUnit, dimensions: ModelDimensions): void {
  const carrying = unit.changes.filter(hasCarried);
  if (carrying.length === 0) return;
  const model = unit.embeddingModel;
  if (!model) invalid('ops carry vectors but the command names no embeddingModel');
  let dims = dimensions.of(model);
  for (const change of carrying) {
    const vector = decodeCarried(change.carried);
    dims ??= vector.length;
    if (vector.length !== dims) {
      invalid(`a carried vector has ${vector.length} dimensions where ${model} has ${dims}`);
    }
    change.embedded = { vector, model };
  }
}

/** The embedder's vectors for the same model must have the carried vectors' length too. */
export function assertSameDimensions(unit: WriteUnit): void {
  const lengths = new Map<string, number>();
  for (const change of unit.changes) {
    if (change.kind === 'delete' || !change.embedded) continue;
    const { model, vector } = change.embedded;
    const seen = lengths.get(model);
    if (seen !== undefined && seen !== vector.length) {
      invalid(`vectors of ${model} with ${seen} and ${vector.length} dimensions in one write`);
    }
    lengths.set(model, vector.length);
  }
}

function hasCarried(
  change: MemoryChange,
): change is Extract<MemoryChange, { carried?: string }> & { carried: string } {
  return change.kind !== 'delete' && change.carried !== undefined;
}

function decodeCarried(encoded: string): Float32Array {
  if (encoded.length === 0 || encoded.length % 4 !== 0 || !base64.test(encoded)) {
    invalid('a carried vector is not base64');
  }
  const bytes = Buffer.byteLength(encoded, 'base64');
  if (bytes === 0 || bytes % 4 !== 0) {
    invalid('a carried vector is not a whole number of float32 values');
  }
  const vector = decodeVector(encoded);
  if (vector.length > maxDimensions) {
    invalid(`a carried vector has ${vector.length} dimensions, more than ${maxDimensions}`);
  }
  if (!vector.every(Number.isFinite)) invalid('a carried vector holds a value that is not finite');
  return vector;
}

function invalid(message: string): never {
  throw new DomainError('validation_failed', message);
}
