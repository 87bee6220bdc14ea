import { encodeVector } from '@mnemo/contracts';
import { acceptCarriedVectors, assertSameDimensions, ModelDimensions } from './carried-vectors';
import type { AddChange, WriteUnit } from './write-unit';

const add = (carried?: string): AddChange => ({
  kind: 'add',
  text: 'Likes tea',
  scope: { userId: 'alice' },
  metadata: {},
  categories: [],
  expirationDate: null,
  carried,
});
const unitOf = (embeddingModel: string | undefined, ...changes: AddChange[]): WriteUnit => ({
  projectId: 'p1',
  eventId: 'e1',
  embeddingModel,
  changes,
});
const encoded = (...values: number[]) => encodeVector(Float32Array.from(values));

describe('acceptCarriedVectors', () => {
  it('keeps each carried vector exactly as sent, with the command model', () => {
    const unit = unitOf('m', add(encoded(0.25, -1.5, 3)), add());
    acceptCarriedVectors(unit, new ModelDimensions());
    const [first, second] = unit.changes as AddChange[];
    expect(encodeVector(first.embedded!.vector)).toBe(encoded(0.25, -1.5, 3));
    expect(first.embedded!.model).toBe('m');
    expect(second.embedded).toBeUndefined();
  });

  it.each([
    ['no model is named', undefined, [encoded(1, 2)], 'names no embeddingModel'],
    ['it is not base64', 'm', ['not base64!'], 'is not base64'],
    ['its bytes are no whole float32s', 'm', ['AAAAAAA='], 'not a whole number of float32'],
    [
      'the lengths differ',
      'm',
      [encoded(1, 2), encoded(1, 2, 3)],
      'has 3 dimensions where m has 2',
    ],
    ['a value is not finite', 'm', [encoded(1, Number.NaN)], 'not finite'],
  ])('refuses a write when %s', (_case, model, vectors, message) => {
    const unit = unitOf(model, ...vectors.map((vector) => add(vector)));
    expect(() => acceptCarriedVectors(unit, new ModelDimensions())).toThrow(
      expect.objectContaining({
        code: 'validation_failed',
        message: expect.stringContaining(message),
      }),
    );
  });

  it('refuses a vector whose length is not the one the embedder gives for that model', () => {
    const dimensions = new ModelDimensions();
    dimensions.learn('m', 3);
    expect(() => acceptCarriedVectors(unitOf('m', add(encoded(1, 2))), dimensions)).toThrow(
      'a carried vector has 2 dimensions where m has 3',
    );
  });
});

describe('assertSameDimensions', () => {
  it('refuses carried and embedded vectors of one model with different lengths', () => {
    const unit = unitOf('m', add(encoded(1, 2)), add());
    acceptCarriedVectors(unit, new ModelDimensions());
    (unit.changes[1] as AddChange).embedded = { vector: Float32Array.of(1, 2, 3), model: 'm' };
    expect(() => assertSameDimensions(unit)).toThrow('vectors of m with 2 and 3 dimensions');
  });
});
