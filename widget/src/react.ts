// `@org/chat-widget/react`: the widget as a React component, with no aliasing of Preact to React. The
// widget keeps rendering itself with its own Preact inside its Shadow DOM; React only owns an empty
// <div> and mounts the widget into it from an effect.
import { createElement, type ReactElement, useEffect, useRef } from 'react';
import { mountChatWidget } from './mount.js';
import type { ChatWidgetHandle } from './types.js';
import { type ChatWidgetProps, connectWidget, mountKey } from './widget-props.js';

export type * from './types.js';
export type { ChatWidgetProps } from './widget-props.js';

/** `<ChatWidget wsUrl=… httpUrl=… room="lobby" />` for React 18 and 19. */
export function ChatWidget(props: ChatWidgetProps): ReactElement {
  const target = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const handle = useRef<ChatWidgetHandle | null>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: remount only when an option that needs a new widget changes (mountKey); callbacks are read through `latest`.
  useEffect(() => {
    const element = target.current;
    if (!element) return;
    return connectWidget(
      (options) => {
        handle.current = mountChatWidget(element, options);
        return handle.current;
      },
      props,
      () => latest.current,
    );
  }, [mountKey(props)]);

  useEffect(() => {
    if (props.identity !== undefined) handle.current?.identify(props.identity);
  }, [props.identity]);

  return createElement('div', { ref: target, 'data-org-chat': '' });
}
