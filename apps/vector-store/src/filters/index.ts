export {
  compileFilter,
  type CompileFilterOptions,
  type CompiledFilter,
} from './filter-sql.compiler';
export { metadataPath } from './json-sql.conditions';
