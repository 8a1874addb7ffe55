// A harness page's script: one member of a `@org/chat-sdk/tabs` group named by the page's URL hash,
// answering requests with its own id. The test reads `window.tabsHarness`.
import { createTabs, tabRequests } from '../../sdk/src/tabs/index.js';

const tabs = createTabs<{ label: string }>({
  name: `e2e-tabs-${location.hash.slice(1)}`,
  state: { label: '' },
});
const requests = tabRequests(tabs);
requests.serve((data) => ({ answeredBy: tabs.id, data }));
const received: unknown[] = [];
// Application messages only: requests and answers travel on their own topics.
tabs.on('message', ({ topic, data }) => {
  if (topic === undefined) received.push(data);
});

Object.assign(window, { tabsHarness: { tabs, requests, received } });
