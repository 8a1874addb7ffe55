import { useEffect, useRef } from 'preact/hooks';
import { mountChatWidget } from './mount.js';
import { type ChatWidgetProps, useWidgetMount, type WidgetHooks } from './widget-props.js';

const hooks = { useEffect, useRef } as unknown as WidgetHooks;

/**
 * The widget as a Preact component: `<ChatWidget wsUrl=… httpUrl=… room="lobby" />`. It renders an
 * empty element and mounts the widget (its own Shadow DOM, fixed in a corner) into it.
 */
export function ChatWidget(props: ChatWidgetProps) {
  const target = useWidgetMount(hooks, props, mountChatWidget);
  return <div ref={target} data-org-chat="" />;
}
