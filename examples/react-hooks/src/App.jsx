import { createChatClient, guestAuth } from '@org/chat-sdk';
import { useChatClient, useRoom } from '@org/chat-sdk/react';
import { useState } from 'react';
import { config } from './config.js';
import { Room } from './Room.jsx';

/** Asks for a guest name, then connects with it and shows the room. */
export function App() {
  const [name, setName] = useState('');
  const [joinedAs, setJoinedAs] = useState(null);
  if (!joinedAs) {
    return (
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) setJoinedAs(name.trim());
        }}
      >
        <label>
          Your name <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>{' '}
        <button type="submit">Join</button>
      </form>
    );
  }
  return <Chat name={joinedAs} />;
}

/** One client for the signed-in guest; the room once joined. */
function Chat({ name }) {
  const { client, state, user, error } = useChatClient(
    () => createChatClient({ wsUrl: config.wsUrl, httpUrl: config.httpUrl, auth: guestAuth({ name }) }),
    [name],
  );
  const { room, error: joinError } = useRoom(client, config.room);
  return (
    <main>
      <h1>#{config.room}</h1>
      <p role="status">
        {state}
        {user ? ` as ${user.name}` : ''}
        {error || joinError ? `: ${(error ?? joinError).message}` : ''}
      </p>
      {room && <Room room={room} />}
    </main>
  );
}
