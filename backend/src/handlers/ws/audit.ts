import type { AuditEntry } from '@org/chat-sdk/protocol';
import { assertSiteAdmin } from '../../chat/moderation-rules.js';
import { jsonBytes } from '../../chat/pages.js';
import { ChatError } from '../../errors.js';
import { pageBudgetBytes } from '../../push/frames.js';
import { listAudit } from '../../store/audit.js';
import { roleIn } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `audit`: the moderation audit trail, newest first: who did what, to whom, when and why. Site admins
 * read every room's and the site-wide actions (no `room`); a room's owner reads the room's.
 */
export const handler = route('audit', async (frame, { identity, standing }) => {
  if (!frame.room) assertSiteAdmin(standing);
  else {
    const role = await roleIn(frame.room, identity, standing.admin);
    if (role !== 'owner' && role !== 'admin')
      throw new ChatError('forbidden', `only the owner of ${frame.room} reads its audit trail`);
  }
  const page = await listAudit(frame.room, frame.limit ?? 50, frame.before);
  const envelope = {
    type: 'ack' as const,
    ref: frame.ref ?? '',
    ...(frame.room ? { room: frame.room } : {}),
    hasMore: true,
  };
  let budget = pageBudgetBytes(envelope);
  const entries: AuditEntry[] = [];
  for (const entry of page.entries) {
    budget -= jsonBytes(entry) + 1;
    if (budget < 0) break;
    entries.push(entry);
  }
  return { ...envelope, entries, hasMore: page.hasMore || entries.length < page.entries.length };
});
