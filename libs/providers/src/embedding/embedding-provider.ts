/** Documents are stored texts; queries are search inputs. Some models embed them differently. */
export type EmbeddingPurpose = 'document' | 'query';

/** Turns texts into vectors; every provider (local GloVe, OpenAI-compatible) meets this contract. */
export interface EmbeddingProvider {
  /** Provider family: 'local' | 'openai'. */
  readonly name: string;
  /** Model id, e.g. 'glove-sg-100d-sif'. */
  readonly model: string;
  /** Length of every returned vector. */
  readonly dims: number;
  /** True when `purpose` changes the vector; absent, a text has one vector whatever its purpose. */
  readonly purposeSensitive?: boolean;
  /** One L2-normalised vector per text, in the order of `texts`. */
  embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]>;
}
