import type {
  ScoredMemory,
  SessionMessage,
  StructuredProfile,
  StructuredProfileFields,
} from '@mnemo/contracts';
import type { ProfileBody } from './channel-b.schemas';

type Json = Record<string, unknown>;

/** Only the fields the body names: `undefined` means "leave it", `null` means "clear it". */
export function toProfileFields(body: ProfileBody): Partial<StructuredProfileFields> {
  const fields: Partial<StructuredProfileFields> = {};
  if (body.nickname !== undefined) fields.nickname = body.nickname;
  if (body.city !== undefined) fields.city = body.city;
  if (body.vip_level !== undefined) fields.vipLevel = body.vip_level;
  if (body.attributes !== undefined) fields.attributes = body.attributes;
  return fields;
}

export function toWireProfile(profile: StructuredProfile): Json {
  return {
    user_id: profile.userId,
    nickname: profile.nickname,
    city: profile.city,
    vip_level: profile.vipLevel,
    attributes: profile.attributes,
    created_at: profile.createdAt,
    updated_at: profile.updatedAt,
  };
}

export function toWireMessage(message: SessionMessage): Json {
  return {
    id: message.id,
    session_id: message.sessionId,
    user_id: message.userId,
    role: message.role,
    content: message.content,
    created_at: message.createdAt,
  };
}

export function toContextMemory(memory: ScoredMemory): Json {
  return {
    id: memory.id,
    memory: memory.memory,
    score: memory.score,
    categories: memory.categories,
    metadata: memory.metadata,
    created_at: memory.createdAt,
    updated_at: memory.updatedAt,
  };
}
