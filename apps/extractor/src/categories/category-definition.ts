/** A category memories may be filed under: Mem0's defaults or a project's `custom_categories`. */
export interface CategoryDefinition {
  name: string;
  description: string;
}
