import { lift, restrict } from './moderation-actions.js';
import { route } from './route.js';

/**
 * `mute`: a room's moderator (or, without `room`, a site admin) mutes an identity: it may read, not
 * send; `shadow`: it may send, and only it sees what it sent. For `durationSeconds`, or for good.
 */
export const mute = route('mute', async (frame, { identity, standing, api }) => {
  const until = await restrict(
    { identity, standing, api },
    {
      kind: 'mute',
      room: frame.room,
      user: frame.user,
      ...(frame.durationSeconds ? { durationSeconds: frame.durationSeconds } : {}),
      ...(frame.reason ? { reason: frame.reason } : {}),
      ...(frame.shadow ? { shadow: true } : {}),
    },
  );
  return {
    type: 'ack',
    ref: frame.ref ?? '',
    ...(frame.room ? { room: frame.room } : {}),
    ...(until ? { until } : {}),
  };
});

/** `ban`: like `mute`, but the identity may not join, read or send, and its sockets leave at once. */
export const ban = route('ban', async (frame, { identity, standing, api }) => {
  const until = await restrict(
    { identity, standing, api },
    {
      kind: 'ban',
      room: frame.room,
      user: frame.user,
      ...(frame.durationSeconds ? { durationSeconds: frame.durationSeconds } : {}),
      ...(frame.reason ? { reason: frame.reason } : {}),
    },
  );
  return {
    type: 'ack',
    ref: frame.ref ?? '',
    ...(frame.room ? { room: frame.room } : {}),
    ...(until ? { until } : {}),
  };
});

/** `unmute`: lifts a mute early. */
export const unmute = route('unmute', async (frame, { identity, standing, api }) => {
  await lift({ identity, standing, api }, 'mute', frame.room, frame.user, frame.reason);
  return { type: 'ack', ref: frame.ref ?? '', ...(frame.room ? { room: frame.room } : {}) };
});

/** `unban`: lifts a ban early. */
export const unban = route('unban', async (frame, { identity, standing, api }) => {
  await lift({ identity, standing, api }, 'ban', frame.room, frame.user, frame.reason);
  return { type: 'ack', ref: frame.ref ?? '', ...(frame.room ? { room: frame.room } : {}) };
});
