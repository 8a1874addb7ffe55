/** @jsxImportSource react */
// A harness page's script: a React 19 app using `@org/chat-widget/react` as an app would, with no
// aliasing of Preact; a button mounts and unmounts the widget.
import { ChatWidget, type ChatWidgetProps } from '@org/chat-widget/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const events: string[] = [];

function App({ config }: { config: ChatWidgetProps }) {
  const [shown, setShown] = useState(true);
  return (
    <main>
      <h1>React app</h1>
      <button type="button" onClick={() => setShown(!shown)}>
        {shown ? 'Remove chat' : 'Add chat'}
      </button>
      {shown && (
        <ChatWidget
          {...config}
          onOpen={() => events.push('open')}
          onClose={() => events.push('close')}
          onMessage={(message) => events.push(`message:${message.text}`)}
        />
      )}
    </main>
  );
}

function start(config: ChatWidgetProps) {
  const root = document.createElement('div');
  document.body.append(root);
  createRoot(root).render(<App config={config} />);
}

Object.assign(window, { start, events });
