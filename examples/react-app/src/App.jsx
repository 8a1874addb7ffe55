import { ChatWidget } from '@org/chat-widget/react';
import { useRef, useState } from 'react';

// Where the chat backend is: the stack `npm start` runs, unless the build says otherwise.
const wsUrl = import.meta.env.VITE_CHAT_WS_URL ?? 'ws://localhost:3001';
const httpUrl = import.meta.env.VITE_CHAT_HTTP_URL ?? 'http://localhost:3000';
const room = import.meta.env.VITE_CHAT_ROOM ?? 'lobby';

/** A page of an app that knows its user's name, so the widget never asks for one. */
export function App() {
  const [name, setName] = useState('');
  const [signedInAs, setSignedInAs] = useState(null);
  const [unread, setUnread] = useState(0);
  const chat = useRef(null);

  const signIn = (event) => {
    event.preventDefault();
    if (name.trim()) setSignedInAs(name.trim());
  };

  return (
    <main style={{ maxWidth: '40rem', margin: '0 auto', padding: '1.5rem', fontFamily: 'system-ui' }}>
      <h1>Support</h1>
      {signedInAs ? (
        <p>
          Signed in as <strong>{signedInAs}</strong>.{' '}
          <button type="button" onClick={() => chat.current?.open()}>
            Chat with us{unread > 0 ? ` (${unread} new)` : ''}
          </button>{' '}
          <button type="button" onClick={() => setSignedInAs(null)}>
            Sign out
          </button>
        </p>
      ) : (
        <form onSubmit={signIn}>
          <label>
            Your name <input value={name} onChange={(event) => setName(event.target.value)} />
          </label>{' '}
          <button type="submit">Sign in</button>
        </form>
      )}
      {/* The widget draws its own launcher in a corner; these props are all it needs. `identity`
          changes without remounting it; a `null` identity signs the visitor out of the chat. */}
      <ChatWidget
        wsUrl={wsUrl}
        httpUrl={httpUrl}
        room={room}
        title="Support"
        identity={signedInAs ? { name: signedInAs } : null}
        onUnread={setUnread}
        handleRef={(handle) => {
          chat.current = handle;
        }}
      />
    </main>
  );
}
