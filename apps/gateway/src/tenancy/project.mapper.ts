import type { ApiKeyEntity } from '../database/api-key.entity';
import type { ProjectMemberEntity } from '../database/project-member.entity';
import type { ProjectEntity } from '../database/project.entity';
import type { ProjectRole } from './tenant';

/** Settings a project has before anyone changes them, as the Platform names them. */
const settingDefaults: Record<string, unknown> = {
  usecase: null,
  memory_depth: null,
  inclusion_prompt: null,
  exclusion_prompt: null,
  custom_categories: [],
  custom_instructions: null,
  agent_custom_instructions: null,
  update_custom_instructions: null,
  summary_custom_instructions: null,
  summary_batch_size: null,
  summary_max_tokens: null,
  expiration_date: null,
  enable_graph: false,
  multilingual: false,
  version: null,
  active_prompt_profile: null,
  decay: false,
};

export function toPlatformMember(member: ProjectMemberEntity) {
  return { username: member.email, role: member.role, email: member.email };
}

/** The Platform's Project object; `fields` (when any) keeps only those keys. */
export function toPlatformProject(
  project: ProjectEntity,
  context: { members: ProjectMemberEntity[]; userRole: ProjectRole; defaultProjectId: string },
  fields: string[] = [],
): Record<string, unknown> {
  const settings = Object.fromEntries(
    Object.entries(settingDefaults).map(([key, fallback]) => [
      key,
      project.settings[key] ?? fallback,
    ]),
  );
  const full: Record<string, unknown> = {
    project_id: project.id,
    org_id: project.orgId,
    name: project.name,
    description: project.description,
    created_at: project.createdAt.toISOString(),
    updated_at: project.updatedAt.toISOString(),
    members: context.members.map(toPlatformMember),
    ...settings,
    is_default: project.id === context.defaultProjectId,
    user_role: context.userRole,
  };
  if (fields.length === 0) return full;
  return Object.fromEntries(fields.filter((field) => field in full).map((f) => [f, full[f]]));
}

export function toKeyListing(key: ApiKeyEntity) {
  return {
    id: key.id,
    prefix: key.prefix,
    label: key.label,
    created_at: key.createdAt.toISOString(),
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    revoked: key.revokedAt !== null,
  };
}
