/** @org/chat-sdk/tabs: one leader among a site's open tabs, and a message bus between them. */
export type { TabChannel, TabLocks, TabsEnvironment } from './environment.js';
export { browserTabsEnvironment } from './environment.js';
export { lead } from './lead.js';
export { type TabRequests, TabsError, type TabsHandler, tabRequests } from './requests.js';
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
