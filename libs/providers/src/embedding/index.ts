export * from './embedding-provider';
export type { GloveModelPaths, GloveSource } from './glove-model.files';
export {
  prepareGloveModel,
  WINK_EMBEDDINGS_PACKAGE,
  type PrepareGloveModelOptions,
} from './glove-model.converter';
export { loadGloveModel, type GloveModel, type LoadGloveModelOptions } from './glove-model.loader';
export { GloveVocabulary } from './glove-vocabulary';
export * from './local-embedding.provider';
export { tokenize } from './text-tokenizer';
