// A plain page script using the npm entry (no CDN): the bundler splits the chat window into a chunk of
// its own. The chat URLs and the room come from the query string.
import { mountChatWidget } from '@org/chat-widget';

const query = new URLSearchParams(location.search);
const chat = mountChatWidget({
  wsUrl: query.get('ws'),
  httpUrl: query.get('http'),
  room: query.get('room'),
});
chat.on('unread', (count) => {
  document.title = `(${count}) bundled`;
});
