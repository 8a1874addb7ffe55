'use client';
// Rendered on the server at build time, then in the browser: the widget and the hooks must not touch
// `window` while rendering. The URLs come from the query string, read once mounted.
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { useChatClient, useMessages, useRoom } from '@org/chat-sdk/react';
import { ChatWidget } from '@org/chat-widget/react';
import { useEffect, useState } from 'react';

function Feed({ wsUrl, httpUrl, room }) {
  const { client, state } = useChatClient(
    () => createChatClient({ wsUrl, httpUrl, auth: guestAuth({ name: 'Hooks' }) }),
    [wsUrl, httpUrl],
  );
  const { room: joined } = useRoom(client, room);
  const { messages } = useMessages(joined);
  return (
    <section aria-label="Feed" data-state={state}>
      <ul>
        {messages.map((message) => (
          <li key={message.id}>{message.text}</li>
        ))}
      </ul>
    </section>
  );
}

export function Chat() {
  const [urls, setUrls] = useState(null);
  useEffect(() => {
    const query = new URLSearchParams(window.location.search);
    setUrls({ wsUrl: query.get('ws'), httpUrl: query.get('http'), room: query.get('room') });
  }, []);
  if (!urls) return <p id="waiting">loading</p>;
  return (
    <>
      <Feed {...urls} />
      <ChatWidget {...urls} />
    </>
  );
}
