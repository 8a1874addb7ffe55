// `@org/chat-widget/react`: the widget as a React component, with no aliasing of Preact to React. The
// widget keeps rendering itself with its own Preact inside its Shadow DOM; React only owns an empty
// <div> and mounts the widget into it from an effect.
import { createElement, type ReactElement, type RefObject, useEffect, useRef } from 'react';
import { mountChatWidget } from './mount.js';
import { type ChatWidgetProps, useWidgetMount, type WidgetHooks } from './widget-props.js';

export type * from './types.js';
export type { ChatWidgetProps } from './widget-props.js';

const hooks = { useEffect, useRef } as unknown as WidgetHooks;

/** `<ChatWidget wsUrl=… httpUrl=… room="lobby" />` for React 18 and 19. */
export function ChatWidget(props: ChatWidgetProps): ReactElement {
  const target = useWidgetMount(hooks, props, mountChatWidget) as RefObject<HTMLDivElement | null>;
  return createElement('div', { ref: target, 'data-org-chat': '' });
}
