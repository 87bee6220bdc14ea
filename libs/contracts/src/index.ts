export * from './contract';
export * from './errors';
export * from './envelope.schemas';
export * from './memory.schemas';
export * from './subjects';
export * from './vector-codec';
export * from './filters';
export * from './settings';
