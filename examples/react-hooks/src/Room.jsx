import { useMessages, useOutbox, usePresence, useTyping } from '@org/chat-sdk/react';
import { useState } from 'react';
import { config } from './config.js';

/** A room drawn by the app itself: who is online, the log with older pages, typing, outbox, composer. */
export function Room({ room }) {
  const { messages, hasMore, loading, loadOlder } = useMessages(room, { pageSize: config.pageSize });
  const outbox = useOutbox(room);
  const online = usePresence(room);
  const { typing, notifyTyping } = useTyping(room);
  const [text, setText] = useState('');

  const send = (event) => {
    event.preventDefault();
    if (!text.trim()) return;
    // Settles later; until then the message shows in the outbox, and a failure stays there to retry.
    room.send(text).catch(() => {});
    setText('');
  };

  return (
    <>
      <section aria-label="Online">
        Online: {online.map((user) => user.name).join(', ') || 'nobody yet'}
      </section>
      {hasMore && (
        <button type="button" onClick={loadOlder} disabled={loading}>
          {loading ? 'Loading…' : 'Load older messages'}
        </button>
      )}
      <ul aria-label="Messages">
        {messages.map((message) => (
          <li key={message.id}>
            <strong>{message.sender.name}</strong>: {message.text}
          </li>
        ))}
      </ul>
      {outbox.length > 0 && (
        <ul aria-label="Outbox">
          {outbox.map((item) => (
            <li key={item.clientId}>
              {item.text} ({item.status})
              {item.status === 'failed' && (
                <button type="button" onClick={() => room.retry(item.clientId).catch(() => {})}>
                  Retry
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <p aria-live="polite">{typing.length > 0 && `${typing.map((user) => user.name).join(', ')} typing…`}</p>
      <form onSubmit={send}>
        <input
          aria-label="Message"
          value={text}
          onChange={(event) => {
            setText(event.target.value);
            notifyTyping();
          }}
        />{' '}
        <button type="submit">Send</button>
      </form>
    </>
  );
}
