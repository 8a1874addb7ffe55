// Where the chat backend is: the page's query string, else the build's VITE_* variables, else the stack
// `npm start` runs.
const query = new URLSearchParams(location.search);

/** The chat URLs, the room, and the messages per page. */
export const config = {
  wsUrl: query.get('ws') ?? import.meta.env.VITE_CHAT_WS_URL ?? 'ws://localhost:3001',
  httpUrl: query.get('http') ?? import.meta.env.VITE_CHAT_HTTP_URL ?? 'http://localhost:3000',
  room: query.get('room') ?? import.meta.env.VITE_CHAT_ROOM ?? 'lobby',
  pageSize: Number(query.get('pageSize') ?? 20),
};
