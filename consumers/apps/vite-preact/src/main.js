// A Preact app (10 or 11) that renders the widget's Preact component next to its own signal-driven
// text: the widget must use the app's Preact and signals, not copies of its own.
import { ChatWidget } from '@org/chat-widget';
import { signal } from '@preact/signals';
import { h, render } from 'preact';

const query = new URLSearchParams(location.search);
const unread = signal(0);

function App() {
  return h('main', null, [
    h('p', { id: 'unread' }, `unread: ${unread.value}`),
    h(ChatWidget, {
      wsUrl: query.get('ws'),
      httpUrl: query.get('http'),
      room: query.get('room'),
      // No amazon-cognito-identity-js here: no `accounts`, so no account sign-in, and the build passes.
      cognito: { userPoolId: 'eu-west-1_Consumer1', clientId: 'consumer-client' },
      onUnread: (count) => {
        unread.value = count;
      },
    }),
  ]);
}

render(h(App, null), document.getElementById('root'));
