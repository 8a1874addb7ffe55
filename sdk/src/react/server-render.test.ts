// Rendering on the server: every hook gives its empty value, and nothing connects.
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import type { ChatClient } from '../client.js';
import { useChatClient, useMessages, useOutbox, usePresence, useRoom, useTyping } from './index.js';

function Chat({ create }: { create: () => ChatClient }) {
  const { client, state } = useChatClient(create, []);
  const { room } = useRoom(client, 'lobby');
  const { messages, hasMore } = useMessages(room);
  const outbox = useOutbox(room);
  const online = usePresence(room);
  const { typing } = useTyping(room);
  return createElement(
    'p',
    null,
    [state, messages.length, String(hasMore), outbox.length, online.length, typing.length].join(' '),
  );
}

describe('@org/chat-sdk/react on the server', () => {
  it('renders the empty state without creating a client', () => {
    const create = vi.fn<() => ChatClient>();
    expect(renderToString(createElement(Chat, { create }))).toBe('<p>idle 0 false 0 0 0</p>');
    expect(create).not.toHaveBeenCalled();
  });
});
