import type { AuditEntry } from '@org/chat-sdk/protocol';
import { newMessageId } from '../chat/ids.js';
import { db, table } from './client.js';
import { PutCommand, QueryCommand } from './document-client.js';
import { keys } from './keys.js';

/** An audit entry before it is recorded. */
export type AuditDraft = Omit<AuditEntry, 'id' | 'at'>;

/**
 * Records a moderation action in the audit trail: one partition for the whole site, entries keyed by a
 * time-sortable id, each also indexed under its room (or the site) for per-room reading. Entries are
 * kept for good: they are the record of who did what.
 */
export async function recordAudit(draft: AuditDraft, now = Date.now()): Promise<AuditEntry> {
  const entry: AuditEntry = { id: newMessageId(now), at: now, ...draft };
  await db.send(
    new PutCommand({
      TableName: table,
      Item: {
        pk: keys.audit,
        sk: keys.auditEntry(entry.id),
        gsi1pk: keys.auditOf(entry.room),
        gsi1sk: entry.id,
        ...entry,
      },
    }),
  );
  return entry;
}

/** Audit entries, newest first: of one room, or of everything (`room` undefined); older than `before`. */
export async function listAudit(
  room: string | undefined,
  limit: number,
  before?: string,
): Promise<{ entries: AuditEntry[]; hasMore: boolean }> {
  const query = room
    ? {
        IndexName: 'gsi1',
        KeyConditionExpression: `gsi1pk = :pk${before ? ' AND gsi1sk < :before' : ''}`,
        ExpressionAttributeValues: { ':pk': keys.auditOf(room), ...(before ? { ':before': before } : {}) },
      }
    : {
        ConsistentRead: true,
        KeyConditionExpression: `pk = :pk AND sk ${before ? '< :before' : 'BETWEEN :low AND :high'}`,
        ExpressionAttributeValues: {
          ':pk': keys.audit,
          ...(before ? { ':before': keys.auditEntry(before) } : { ':low': 'A#', ':high': 'A#~' }),
        },
      };
  const result = await db.send(
    new QueryCommand({ TableName: table, ScanIndexForward: false, Limit: limit, ...query }),
  );
  const entries = (result.Items ?? []).map(toEntry);
  return { entries, hasMore: result.LastEvaluatedKey !== undefined };
}

function toEntry(item: Record<string, unknown>): AuditEntry {
  const { pk: _pk, sk: _sk, gsi1pk: _g, gsi1sk: _s, ...entry } = item;
  return entry as unknown as AuditEntry;
}
