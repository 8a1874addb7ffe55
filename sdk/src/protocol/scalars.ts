import * as v from 'valibot';

// The scalar fields every frame shares: the send path's frames (frames.ts) and the moderation ones
// (moderation-frames.ts) both build on them.

/** A room id: letters, digits, `_` and `-`, 1 to 64 characters. */
export const RoomId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{1,64}$/, 'room must be 1-64 of A-Z a-z 0-9 _ -'),
);
/**
 * A message's position in its room (`seq`): a whole number the server allocates at write time, from 1,
 * one more for each message; 0 names the point before the first message.
 */
export const Seq = v.pipe(
  v.number(),
  v.integer('seq must be a whole number'),
  v.minValue(0, 'seq must be at least 0'),
  v.maxValue(Number.MAX_SAFE_INTEGER, 'seq is too large'),
);
/** A client-made message id, unique per sender. */
export const ClientId = v.pipe(
  v.string(),
  v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'id must be 8-64 of A-Z a-z 0-9 _ -'),
);
/** A user id: a Cognito `sub` or a server-made guest id. */
export const UserId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:@-]{1,128}$/, 'not a user id'));
/** Correlates a request with its ack or error. */
export const Ref = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
