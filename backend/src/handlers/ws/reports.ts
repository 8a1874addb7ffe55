import type { Report } from '@org/chat-sdk/protocol';
import { assertModerator, assertSiteAdmin } from '../../chat/moderation-rules.js';
import { jsonBytes } from '../../chat/pages.js';
import { pageBudgetBytes } from '../../push/frames.js';
import { listOpenReports } from '../../store/reports.js';
import { roleIn } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `reports`: open reports and held messages, oldest first: a room's, for its moderators, or every
 * room's (no `room`), for site admins. Cut to fit one frame, with `hasMore`.
 */
export const handler = route('reports', async (frame, { identity, standing }) => {
  if (frame.room) assertModerator(await roleIn(frame.room, identity, standing.admin), frame.room);
  else assertSiteAdmin(standing);
  const found = await listOpenReports(frame.room, frame.limit ?? 50);
  const envelope = {
    type: 'ack' as const,
    ref: frame.ref ?? '',
    ...(frame.room ? { room: frame.room } : {}),
    hasMore: true,
  };
  let budget = pageBudgetBytes(envelope);
  const reports: Report[] = [];
  for (const report of found) {
    budget -= jsonBytes(report) + 1;
    if (budget < 0) break;
    reports.push(report);
  }
  return { ...envelope, reports, hasMore: reports.length < found.length };
});
