import * as v from 'valibot';
import { LIMITS } from './limits.js';
import { MODERATION_FRAMES } from './moderation-frames.js';
import { ClientId, Ref, RoomId, Seq, UserId } from './scalars.js';

export { ClientId, Ref, RoomId, Seq, UserId } from './scalars.js';

const PageSize = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(LIMITS.maxPageSize));

/** `join`: subscribe to a room; with `after` (a seq), also get what was missed after that position. */
export const JoinFrame = v.strictObject({
  action: v.literal('join'),
  room: RoomId,
  after: v.optional(Seq),
  ref: v.optional(Ref),
});

/** `send`: store a message and fan it out. Text length is checked by the domain (`too_large`). */
export const SendFrame = v.strictObject({
  action: v.literal('send'),
  room: RoomId,
  text: v.string(),
  id: ClientId,
  ref: v.optional(Ref),
});

/** `history`: a page of messages before or after a position (seq), oldest first. */
export const HistoryFrame = v.strictObject({
  action: v.literal('history'),
  room: RoomId,
  limit: v.optional(PageSize),
  before: v.optional(Seq),
  after: v.optional(Seq),
  ref: v.optional(Ref),
});

/** `ping`: answered by `pong`; keeps idle connections alive. */
export const PingFrame = v.strictObject({
  action: v.literal('ping'),
  ref: v.optional(Ref),
});

/** `leave`: stop receiving a room's live messages on this connection. */
export const LeaveFrame = v.strictObject({
  action: v.literal('leave'),
  room: RoomId,
  ref: v.optional(Ref),
});

/** `typing`: tell the room this user is typing; relayed at most once per throttle interval. */
export const TypingFrame = v.strictObject({
  action: v.literal('typing'),
  room: RoomId,
  ref: v.optional(Ref),
});

/** `create`: a signed-in user creates a public or private room (the creator becomes its owner). */
export const CreateFrame = v.strictObject({
  action: v.literal('create'),
  room: RoomId,
  visibility: v.picklist(['public', 'private']),
  title: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(80))),
  ref: v.optional(Ref),
});

/** `add_member`: a member of a private room adds a signed-in user to it. */
export const AddMemberFrame = v.strictObject({
  action: v.literal('add_member'),
  room: RoomId,
  user: UserId,
  ref: v.optional(Ref),
});

/** `remove_member`: leave a private room's members, or (its owner) remove another member. */
export const RemoveMemberFrame = v.strictObject({
  action: v.literal('remove_member'),
  room: RoomId,
  user: UserId,
  ref: v.optional(Ref),
});

/** Every frame a client may send, told apart by `action`. */
export const ClientFrame = v.variant('action', [
  JoinFrame,
  SendFrame,
  HistoryFrame,
  PingFrame,
  LeaveFrame,
  TypingFrame,
  CreateFrame,
  AddMemberFrame,
  RemoveMemberFrame,
  ...MODERATION_FRAMES,
]);

/** A frame a client may send. */
export type ClientFrame = v.InferOutput<typeof ClientFrame>;
/** The `join` frame. */
export type JoinFrame = v.InferOutput<typeof JoinFrame>;
/** The `send` frame. */
export type SendFrame = v.InferOutput<typeof SendFrame>;
/** The `history` frame. */
export type HistoryFrame = v.InferOutput<typeof HistoryFrame>;
/** The `ping` frame. */
export type PingFrame = v.InferOutput<typeof PingFrame>;
/** The `leave` frame. */
export type LeaveFrame = v.InferOutput<typeof LeaveFrame>;
/** The `typing` frame. */
export type TypingFrame = v.InferOutput<typeof TypingFrame>;
/** The `create` frame. */
export type CreateFrame = v.InferOutput<typeof CreateFrame>;
/** The `add_member` frame. */
export type AddMemberFrame = v.InferOutput<typeof AddMemberFrame>;
/** The `remove_member` frame. */
export type RemoveMemberFrame = v.InferOutput<typeof RemoveMemberFrame>;
/** The name of a client action. */
export type Action = ClientFrame['action'];
