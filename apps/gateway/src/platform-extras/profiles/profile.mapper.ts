import type { ProfileJob, ProfileSettings, UserProfile } from '@mnemo/contracts';

export const profileJobsPath = '/v2/profiles/jobs/';

export function toPlatformProfile(profile: UserProfile): Record<string, unknown> {
  return {
    profile: profile.profile,
    status: profile.status,
    entity_type: profile.entityType,
    entity_id: profile.entityId,
    updated_at: profile.updatedAt,
    generation_count: profile.generationCount,
    ...(profile.error === null ? {} : { error: profile.error }),
  };
}

/** The answer to `POST /v2/profiles/jobs/`. */
export function toQueuedJob(job: ProfileJob, replayed: boolean): Record<string, unknown> {
  return {
    job_id: job.id,
    status: job.status,
    status_url: `${profileJobsPath}${job.id}/`,
    operation: job.operation,
    entity_type: job.entityType,
    entity_count_reserved: job.entityIds.length,
    event_id: job.eventId,
    replayed,
    ...(job.operation === 'sample' ? { sampled: true, entity_ids: job.entityIds } : {}),
  };
}

export function toPlatformJob(job: ProfileJob): Record<string, unknown> {
  return {
    id: job.id,
    operation: job.operation,
    entity_type: job.entityType,
    status: job.status,
    total: job.total,
    enumeration_complete: job.enumerationComplete,
    completed: job.completed,
    succeeded: job.succeeded,
    failed: job.failed,
    skipped: job.skipped,
    event_id: job.eventId,
    created_at: job.createdAt,
    updated_at: job.updatedAt,
  };
}

export function toPlatformSettings(settings: ProfileSettings): Record<string, unknown> {
  return {
    enabled: settings.enabled,
    entities: {
      user: {
        schema: settings.user.schema,
        custom_instructions: settings.user.customInstructions,
      },
    },
    capabilities: settings.capabilities,
  };
}
