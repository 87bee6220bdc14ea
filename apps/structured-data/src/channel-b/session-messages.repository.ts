import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { SessionMessage, SessionMessageInput } from '@mnemo/contracts';
import { isoTime, nullableText } from './sql-values';

interface MessageRow {
  id: unknown;
  session_id: string;
  user_id: unknown;
  role: unknown;
  content: unknown;
  created_at: unknown;
}

const messageColumns = 'id, session_id, user_id, role, content, created_at';

/** The `session_messages` table of a project's data schema; `schema` arrives quoted. */
@Injectable()
export class SessionMessagesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** In one transaction, in order: the ids grow with the order given. */
  async append(
    schema: string,
    sessionId: string,
    userId: string | null,
    messages: SessionMessageInput[],
    now: Date,
  ): Promise<SessionMessage[]> {
    return this.dataSource.transaction(async (manager) => {
      const stored: SessionMessage[] = [];
      for (const message of messages) {
        const result = await manager.query<{ insertId: number | string }>(
          `INSERT INTO ${schema}.session_messages (session_id, user_id, role, content, created_at)
           VALUES (?, ?, ?, ?, ?)`,
          [sessionId, userId, message.role, message.content, now],
        );
        stored.push({
          id: Number(result.insertId),
          sessionId,
          userId,
          role: message.role,
          content: message.content,
          createdAt: now.toISOString(),
        });
      }
      return stored;
    });
  }

  /** The latest `limit` messages (older than `beforeId` when given), oldest first. */
  async latest(
    schema: string,
    sessionId: string,
    limit: number,
    beforeId?: number,
  ): Promise<SessionMessage[]> {
    const before = beforeId === undefined ? '' : 'AND id < ?';
    const rows = await this.dataSource.query<MessageRow[]>(
      `SELECT ${messageColumns} FROM ${schema}.session_messages
       WHERE session_id = ? ${before} ORDER BY id DESC LIMIT ?`,
      beforeId === undefined ? [sessionId, limit] : [sessionId, beforeId, limit],
    );
    return rows.reverse().map(toMessage);
  }

  /** The session the user wrote in last, if any. */
  async latestSessionOf(schema: string, userId: string): Promise<string | null> {
    const rows = await this.dataSource.query<{ session_id: string }[]>(
      `SELECT session_id FROM ${schema}.session_messages WHERE user_id = ? ORDER BY id DESC LIMIT 1`,
      [userId],
    );
    return rows[0] ? String(rows[0].session_id) : null;
  }
}

function toMessage(row: MessageRow): SessionMessage {
  return {
    id: Number(row.id),
    sessionId: String(row.session_id),
    userId: nullableText(row.user_id),
    role: String(row.role),
    content: String(row.content),
    createdAt: isoTime(row.created_at),
  };
}
