/** Which categories each memory text belongs to, chosen from the given list. */
export interface CategoryAssigner {
  assign(texts: string[], categories: CategoryDefinition[]): Promise<string[][]>;
}

export interface CategoryDefinition {
  name: string;
  description: string;
}
