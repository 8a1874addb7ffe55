// A harness page's script: a Preact app using the `ChatWidget` component of `@org/chat-widget`, and
// `mountChatWidget` beside it, as an app would.
import { ChatWidget, type ChatWidgetProps, mountChatWidget } from '@org/chat-widget';
import { useSignal } from '@preact/signals';
import { render } from 'preact';

function App({ config }: { config: ChatWidgetProps }) {
  const name = useSignal('Preact Pat');
  return (
    <main>
      <h1>Preact app</h1>
      <button type="button" onClick={() => (name.value = 'Renamed Pat')}>
        Rename
      </button>
      <ChatWidget {...config} identity={{ name: name.value }} />
    </main>
  );
}

function start(config: ChatWidgetProps) {
  const root = document.createElement('div');
  document.body.append(root);
  render(<App config={config} />, root);
}

Object.assign(window, { start, mountChatWidget });
