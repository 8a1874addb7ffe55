import { adoptStyles } from '../Common/adopt-styles.js';
import { HOST_CSS } from './host-styles.js';

/** Tag of the host element: a custom name, so page rules written for `div` and the like miss it. */
export const HOST_TAG = 'org-chat-widget';

/** The widget's host element and its open shadow root, where everything the widget draws lives. */
export interface WidgetHost {
  host: HTMLElement;
  root: ShadowRoot;
}

/** Appends a host element to `parent` and gives it a shadow root holding the launcher's styles. */
export function createHost(parent: HTMLElement): WidgetHost {
  const host = document.createElement(HOST_TAG);
  // Open, so assistive tech, tests (Playwright's getByRole pierces open roots) and devtools see in.
  const root = host.attachShadow({ mode: 'open' });
  adoptStyles(root, HOST_CSS);
  parent.append(host);
  return { host, root };
}
