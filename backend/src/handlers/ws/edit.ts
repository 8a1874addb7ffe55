import { mayReceive } from '../../chat/rooms.js';
import { normalizeMessageText } from '../../chat/text.js';
import { ChatError } from '../../errors.js';
import { moderationConfig } from '../../moderation-config.js';
import { fanOut } from '../../push/fanout.js';
import { editMessageText, readMessageAt } from '../../store/message-changes.js';
import { readRoomState } from '../../store/rooms.js';
import { checkMessage, screenWithHook } from './moderation-checks.js';
import { route } from './route.js';

/**
 * `edit`: the author changes a message's text within the edit window. The new text goes through the
 * same checks as a send (bans, mutes, block list, links, the hook; not slow mode or flood), the
 * message keeps its id and position and is marked `editedAt`, and the room gets an `update` frame.
 * A shadow-muted author's edit of a message others see is shown to the author alone and not stored.
 */
export const handler = route('edit', async (frame, { connectionId, identity, api, standing }) => {
  const text = normalizeMessageText(frame.text);
  const room = frame.room;
  const found = await readMessageAt(room, frame.seq);
  if (!found || found.message.deleted || (found.shadow && found.message.sender.id !== identity.id)) {
    throw new ChatError('not_found', `no message at position ${frame.seq} in ${room}`);
  }
  if (found.message.sender.id !== identity.id)
    throw new ChatError('forbidden', 'only its author edits a message');
  if (Date.now() - found.message.ts > moderationConfig.editWindowSeconds * 1000) {
    throw new ChatError(
      'edit_window_closed',
      `messages can be edited for ${moderationConfig.editWindowSeconds} s`,
    );
  }
  const sender = { id: identity.id, name: identity.name, guest: identity.guest };
  const hook = await screenWithHook({ kind: 'edit', room, text, sender, seq: frame.seq });
  const state = await readRoomState(room);
  if (!mayReceive(state.meta, state.members, identity)) {
    throw new ChatError('forbidden', `not a member of private room ${room}`);
  }
  const now = Date.now();
  const decision = await checkMessage({
    kind: 'edit',
    room,
    text,
    clientId: found.message.clientId,
    identity,
    standing,
    state,
    hook,
    now,
  });
  const authorOnly = found.shadow || decision.shadow;
  const message =
    decision.shadow && !found.shadow
      ? { ...found.message, text, editedAt: now }
      : await editMessageText(found, text, identity.id, now);
  await fanOut(
    api,
    { room, state, except: connectionId, ...(authorOnly ? { only: (user) => user.id === identity.id } : {}) },
    { type: 'update', room, message },
  );
  return { type: 'ack', ref: frame.ref ?? '', room, message };
});
