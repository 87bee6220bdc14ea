import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StructuredProfile, StructuredProfileFields } from '@mnemo/contracts';
import { isoTime, jsonValue, nullableNumber, nullableText } from './sql-values';

interface ProfileRow {
  user_id: string;
  nickname: unknown;
  city: unknown;
  vip_level: unknown;
  attributes: unknown;
  created_at: unknown;
  updated_at: unknown;
}

interface WriteResult {
  affectedRows: number;
}

const profileColumns = 'user_id, nickname, city, vip_level, attributes, created_at, updated_at';

/** The `user_profiles` table of a project's data schema; `schema` arrives quoted. */
@Injectable()
export class StructuredProfilesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** True when the row is new. */
  async upsert(
    schema: string,
    userId: string,
    fields: StructuredProfileFields,
    now: Date,
  ): Promise<boolean> {
    const result = await this.dataSource.query<WriteResult>(
      `INSERT INTO ${schema}.user_profiles (${profileColumns}) VALUES (?, ?, ?, ?, ?, ?, ?)
       ON DUPLICATE KEY UPDATE nickname = VALUES(nickname), city = VALUES(city),
         vip_level = VALUES(vip_level), attributes = VALUES(attributes),
         updated_at = VALUES(updated_at)`,
      [
        userId,
        fields.nickname,
        fields.city,
        fields.vipLevel,
        jsonText(fields.attributes),
        now,
        now,
      ],
    );
    return result.affectedRows === 1;
  }

  async find(schema: string, userId: string): Promise<StructuredProfile | null> {
    const rows = await this.dataSource.query<ProfileRow[]>(
      `SELECT ${profileColumns} FROM ${schema}.user_profiles WHERE user_id = ?`,
      [userId],
    );
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** Sets the given fields, merges `attributes` (JSON merge patch); false when there is no row. */
  async patch(
    schema: string,
    userId: string,
    patch: Partial<StructuredProfileFields>,
    now: Date,
  ): Promise<boolean> {
    const sets: string[] = [];
    const params: unknown[] = [];
    const set = (sql: string, ...values: unknown[]) => {
      sets.push(sql);
      params.push(...values);
    };
    if (patch.nickname !== undefined) set('nickname = ?', patch.nickname);
    if (patch.city !== undefined) set('city = ?', patch.city);
    if (patch.vipLevel !== undefined) set('vip_level = ?', patch.vipLevel);
    if (patch.attributes === null) set('attributes = NULL');
    else if (patch.attributes !== undefined) {
      set(
        "attributes = JSON_MERGE_PATCH(COALESCE(attributes, '{}'), ?)",
        jsonText(patch.attributes),
      );
    }
    set('updated_at = ?', now);
    const result = await this.dataSource.query<WriteResult>(
      `UPDATE ${schema}.user_profiles SET ${sets.join(', ')} WHERE user_id = ?`,
      [...params, userId],
    );
    return result.affectedRows > 0;
  }

  async delete(schema: string, userId: string): Promise<boolean> {
    const result = await this.dataSource.query<WriteResult>(
      `DELETE FROM ${schema}.user_profiles WHERE user_id = ?`,
      [userId],
    );
    return result.affectedRows > 0;
  }
}

function jsonText(value: Record<string, unknown> | null | undefined): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toProfile(row: ProfileRow): StructuredProfile {
  return {
    userId: String(row.user_id),
    nickname: nullableText(row.nickname),
    city: nullableText(row.city),
    vipLevel: nullableNumber(row.vip_level),
    attributes: jsonValue(row.attributes),
    createdAt: isoTime(row.created_at),
    updatedAt: isoTime(row.updated_at),
  };
}
