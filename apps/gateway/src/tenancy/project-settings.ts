import type { StoredProjectSettings } from '../database/project.entity';
import type { ProjectUpdate } from './tenancy.schemas';

/** What the add path passes on to the extractor. */
export interface ExtractionSettings {
  customInstructions?: string;
  customCategories?: Record<string, string>[];
}

/** A PATCH applied to the stored settings: `""` clears an instruction, `null` clears any key. */
export function applyProjectUpdate(
  current: StoredProjectSettings,
  update: ProjectUpdate,
): StoredProjectSettings {
  const { usecase_setting: usecase, ...rest } = update;
  const changes: Record<string, unknown> = { ...rest };
  if (usecase !== undefined) changes.usecase = usecase;
  const next: StoredProjectSettings = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    next[key] = value === '' ? null : value;
  }
  return next;
}

export function extractionSettingsOf(settings: StoredProjectSettings): ExtractionSettings {
  const out: ExtractionSettings = {};
  const instructions = settings.custom_instructions;
  if (typeof instructions === 'string' && instructions.trim() !== '')
    out.customInstructions = instructions;
  const categories = settings.custom_categories;
  if (Array.isArray(categories) && categories.length > 0)
    out.customCategories = categories as Record<string, string>[];
  return out;
}

export function hasProjectUpdate(update: ProjectUpdate): boolean {
  return Object.values(update).some((value) => value !== undefined);
}
