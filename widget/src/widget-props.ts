import type { ChatIdentity, ChatWidgetEvents, ChatWidgetHandle, ChatWidgetOptions } from './types.js';

/** Props of the `ChatWidget` components (Preact and React): the options plus event callbacks. */
export interface ChatWidgetProps extends Omit<ChatWidgetOptions, 'identity'> {
  /** Who the visitor is; changing it calls `identify` (`null` signs out). */
  identity?: ChatIdentity | null;
  onMessage?: (message: ChatWidgetEvents['message']) => void;
  onOpen?: () => void;
  onClose?: () => void;
  onUnread?: (count: number) => void;
  /** Receives the mounted widget's handle (to open it from a button of the app, say); null on unmount. */
  handleRef?: (handle: ChatWidgetHandle | null) => void;
}

const CALLBACKS = [
  'identity',
  'notifications',
  'onMessage',
  'onOpen',
  'onClose',
  'onUnread',
  'handleRef',
  'children',
];

/**
 * The props that need a new widget when they change (URLs, room, looks), as one string for an effect's
 * dependency list; callbacks, `identity` and `notifications` are left out: they change without a remount.
 */
export function mountKey(props: ChatWidgetProps): string {
  return JSON.stringify(props, (key, value) => (CALLBACKS.includes(key) ? undefined : value));
}

/** Mounts through `mount` and wires the props' callbacks to the latest props (read through `latest`). */
export function connectWidget(
  mount: (options: ChatWidgetOptions) => ChatWidgetHandle,
  props: ChatWidgetProps,
  latest: () => ChatWidgetProps,
): () => void {
  const { identity, ...options } = props;
  const handle = mount({ ...options, identity: identity ?? undefined });
  if (identity === null) handle.identify(null);
  handle.on('message', (message) => latest().onMessage?.(message));
  handle.on('open', () => latest().onOpen?.());
  handle.on('close', () => latest().onClose?.());
  handle.on('unread', (count) => latest().onUnread?.(count));
  props.handleRef?.(handle);
  return () => {
    latest().handleRef?.(null);
    handle.destroy();
  };
}

/** The two hooks the components use; React's and Preact's have the same shape and meaning. */
export interface WidgetHooks {
  useEffect(effect: () => undefined | (() => void), deps: unknown[]): void;
  useRef<T>(initial: T): { current: T };
}

/**
 * The body shared by the Preact and React `ChatWidget`: mounts the widget into the element behind the
 * returned ref, remounts when `mountKey` changes, and calls `identify` when `identity` changes.
 */
export function useWidgetMount(
  hooks: WidgetHooks,
  props: ChatWidgetProps,
  mount: (element: HTMLElement, options: ChatWidgetOptions) => ChatWidgetHandle,
): { current: HTMLDivElement | null } {
  const target = hooks.useRef<HTMLDivElement | null>(null);
  const latest = hooks.useRef(props);
  latest.current = props;
  const handle = hooks.useRef<ChatWidgetHandle | null>(null);

  hooks.useEffect(() => {
    const element = target.current;
    if (!element) return undefined;
    return connectWidget(
      (options) => {
        handle.current = mount(element, options);
        return handle.current;
      },
      props,
      () => latest.current,
    );
    // Remount only when an option that needs a new widget changes; callbacks are read through `latest`.
  }, [mountKey(props)]);

  hooks.useEffect(() => {
    if (props.identity !== undefined) handle.current?.identify(props.identity);
    return undefined;
  }, [props.identity]);

  const kinds = props.notifications?.join(' ');
  hooks.useEffect(() => {
    if (kinds !== undefined) handle.current?.notifications(props.notifications ?? []);
    return undefined;
  }, [kinds]); // the kinds as one string: a new array of the same kinds changes nothing

  return target;
}
