// A React 19 app with the widget's React component and an own UI drawn with @org/chat-sdk/react.
// The chat URLs and the room come from the query string (the consumer test passes its stack's).
import { createChatClient, guestAuth } from '@org/chat-sdk';
import { useChatClient, useMessages, useRoom } from '@org/chat-sdk/react';
import { ChatWidget } from '@org/chat-widget/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';

const query = new URLSearchParams(location.search);
const wsUrl = query.get('ws');
const httpUrl = query.get('http');
const room = query.get('room');

function Feed() {
  const { client, state } = useChatClient(
    () => createChatClient({ wsUrl, httpUrl, auth: guestAuth({ name: 'Hooks' }) }),
    [],
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

createRoot(document.getElementById('root')).render(
  <StrictMode>
    <Feed />
    <ChatWidget
      wsUrl={wsUrl}
      httpUrl={httpUrl}
      room={room}
      cognito={{
        userPoolId: 'eu-west-1_Consumer1',
        clientId: 'consumer-client',
        // amazon-cognito-identity-js is installed here: account sign-in is turned on.
        accounts: () => import('@org/chat-widget/accounts'),
      }}
    />
  </StrictMode>,
);
