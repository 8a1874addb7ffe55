import { type DependencyList, useEffect, useState, useSyncExternalStore } from 'react';
import type { ChatClient } from '../client.js';
import type { ConnectionState } from '../connection/states.js';
import { ChatError } from '../errors.js';
import type { ChatUser } from '../protocol/types.js';
import { noop } from './external-store.js';

/** What `useChatClient` returns. */
export interface ChatClientState {
  /** The client, once created (after the first render in the browser; never on the server). */
  client: ChatClient | undefined;
  /** Its connection state, re-rendering on every change; `idle` before it exists. */
  state: ConnectionState;
  /** The signed-in user, once the client connected. */
  user: ChatUser | undefined;
  /** Why connecting failed, or an error no request owned (e.g. a refused token). */
  error: ChatError | undefined;
}

/**
 * Creates a client with `create` (e.g. `() => createChatClient({ wsUrl, httpUrl, auth })`), connects it,
 * and closes it on unmount or when `deps` change, like `useEffect`. Server-render safe: the client is
 * made in an effect, so nothing connects (or touches `window`) while rendering.
 */
export function useChatClient(create: () => ChatClient, deps: DependencyList = []): ChatClientState {
  const [client, setClient] = useState<ChatClient | undefined>(undefined);
  const [error, setError] = useState<ChatError | undefined>(undefined);

  const connectClient = () => {
    const next = create();
    setClient(next);
    setError(undefined);
    const offError = next.on('error', setError);
    next.connect().catch((reason: unknown) => {
      setError(reason instanceof ChatError ? reason : new ChatError('internal', String(reason)));
    });
    return () => {
      offError();
      next.close();
      setClient(undefined);
    };
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps decide, as with useEffect.
  useEffect(connectClient, deps);

  const state = useSyncExternalStore(
    (onChange) => (client ? client.on('state', onChange) : noop),
    () => client?.state ?? 'idle',
    () => 'idle' as const,
  );
  return { client, state, user: client?.user, error };
}
