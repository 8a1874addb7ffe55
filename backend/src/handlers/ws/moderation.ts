import type { APIGatewayProxyResult } from 'aws-lambda';
import { withMetrics } from '../../metrics.js';
import { handler as audit } from './audit.js';
import { handler as del } from './delete.js';
import { handler as edit } from './edit.js';
import { handler as report } from './report.js';
import { handler as reports } from './reports.js';
import { handler as resolve } from './resolve.js';
import { ban, mute, unban, unmute } from './restrictions.js';
import { handler as roomSettings } from './room-settings.js';
import { errorFrame, reply, type WebSocketEvent } from './route.js';
import { handler as setRole } from './set-role.js';

/** The routes the `moderation` function serves, one handler each (one file per action). */
const ROUTES: Record<string, (event: WebSocketEvent) => Promise<APIGatewayProxyResult>> = {
  edit,
  delete: del,
  report,
  mute,
  unmute,
  ban,
  unban,
  set_role: setRole,
  room_settings: roomSettings,
  reports,
  resolve,
  audit,
};

/**
 * The `moderation` function: every moderation route (issue 13) is one function, with one role, since
 * they need the same access; each route's own handler (route.ts) validates and answers its frame.
 */
export const handler = withMetrics(async (event: WebSocketEvent): Promise<APIGatewayProxyResult> => {
  const routeHandler = ROUTES[event.requestContext.routeKey];
  if (!routeHandler) return reply(errorFrame('invalid', 'unknown action'));
  return routeHandler(event);
});

/** The route keys this function serves (serverless.yml lists the same). */
export const MODERATION_ROUTES = Object.keys(ROUTES);
