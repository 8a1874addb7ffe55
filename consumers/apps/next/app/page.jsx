// A server component: it runs on the server at build time (prerendered), and imports the SDK's
// protocol entry there. The chat itself is a client component.
import { parseClientFrame } from '@org/chat-sdk/protocol';
import { Chat } from './chat.jsx';

export default function Page() {
  return (
    <main>
      <p id="server">frame checked on the server: {String(parseClientFrame('{"action":"ping"}').ok)}</p>
      <Chat />
    </main>
  );
}
