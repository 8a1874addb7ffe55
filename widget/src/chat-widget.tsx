import { useEffect, useRef } from 'preact/hooks';
import { mountChatWidget } from './mount.js';
import type { ChatWidgetHandle } from './types.js';
import { type ChatWidgetProps, connectWidget, mountKey } from './widget-props.js';

/**
 * The widget as a Preact component: `<ChatWidget wsUrl=… httpUrl=… room="lobby" />`. It renders an
 * empty element and mounts the widget (its own Shadow DOM, fixed in a corner) into it.
 */
export function ChatWidget(props: ChatWidgetProps) {
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

  return <div ref={target} data-org-chat="" />;
}
