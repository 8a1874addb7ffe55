/**
 * @org/chat-sdk/tabs: one leader among a site's open tabs, a message bus between them, and chat
 * clients that share one WebSocket through the leader.
 */
export type { TabChannel, TabLocks, TabsEnvironment } from './environment.js';
export { browserTabsEnvironment } from './environment.js';
export { lead } from './lead.js';
export { DEFAULT_RELAY_TIMING, type RelayTiming } from './relay.js';
export { type TabRequests, TabsError, type TabsHandler, tabRequests } from './requests.js';
export { type SharedChatClientOptions, sharedChatClient } from './shared-client.js';
export { type SharedWebSocketClass, type SharedWebSocketOptions, sharedWebSocket } from './shared-socket.js';
export {
  createTabs,
  DEFAULT_TABS_TIMING,
  type TabMessage,
  type Tabs,
  type TabsEvents,
  type TabsMode,
  type TabsOptions,
  type TabsTiming,
} from './tabs.js';
