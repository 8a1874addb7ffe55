import type { Identity } from '../../auth/identity.js';
import {
  contentVerdict,
  entriesKept,
  postEntry,
  repetitionVerdict,
  slowModeWait,
  type Verdict,
} from '../../chat/moderation-filters.js';
import {
  activeBan,
  assertNotBanned,
  isActive,
  isModerator,
  type Restriction,
  roomRole,
  type Standing,
  withUntil,
} from '../../chat/moderation-rules.js';
import { blockRules, effectiveSettings, repetitionSettings } from '../../chat/moderation-settings.js';
import { ChatError } from '../../errors.js';
import { askHook, type HookOutcome, type HookRequest } from '../../hooks/moderation-hook.js';
import { countModerationVerdict } from '../../metrics.js';
import { moderationConfig } from '../../moderation-config.js';
import { siteMutes } from '../../store/moderation.js';
import { notePost } from '../../store/posters.js';
import type { RoomState } from '../../store/rooms.js';

/** What the checks decided for a message that may go on. */
export interface MessageDecision {
  /** Keep it for review instead of storing it (why). */
  hold?: string;
  /** Store it for its author's eyes only: the sender is shadow-muted. */
  shadow: boolean;
}

/**
 * Asks the moderation hook, when the stage names one, before a position is spent: a refusal ends the
 * send here. Any other outcome (allow, hold, failed) is applied later with the room's settings.
 */
export async function screenWithHook(request: HookRequest): Promise<HookOutcome | undefined> {
  if (!moderationConfig.hook) return undefined;
  const outcome = await askHook(moderationConfig.hook, request, moderationConfig.hookTimeoutMs);
  if (outcome.verdict === 'reject') refuse(outcome);
  return outcome;
}

/** What a message is checked against. */
export interface MessageCheck {
  kind: 'send' | 'edit';
  room: string;
  text: string;
  /** The sender's client id (sends: a retry is neither a duplicate nor a flood). */
  clientId: string;
  identity: Identity;
  standing: Standing;
  /** The room as read after allocating (sends) or for the edit: settings, members, restrictions. */
  state: RoomState;
  hook: HookOutcome | undefined;
  now: number;
}

/**
 * Decides whether a message may go on, from the room's state (read anyway: no extra read) and the
 * stage's and room's settings: banned or muted identities are refused (a shadow-muted one goes on,
 * shadowed), then the block list and link policy, then slow mode, flood and duplicates (one write, to
 * the sender's post record, only where the room has one of them on; edits count for slow mode and
 * flood, not duplicates), then the hook's verdict or, if it
 * failed, the room's failure policy. Throws a ChatError with the refusal's code; returns whether to
 * hold the message or to shadow it. Moderators are exempt from slow mode, flood, duplicates and links.
 */
export async function checkMessage(check: MessageCheck): Promise<MessageDecision> {
  const { state, identity, now } = check;
  assertNotBanned(activeBan(state.restrictions, identity, check.standing.network, now), check.room);
  const mute = await muteOf(identity.id, state, now);
  if (mute && !mute.shadow) {
    throw withUntil(new ChatError('muted', `you are muted in ${check.room}`), mute.until);
  }
  const shadow = mute?.shadow === true;
  const role = roomRole(state.meta, state.members.get(identity.id), identity, check.standing.admin);
  const moderator = isModerator(role);
  const settings = effectiveSettings(state.settings, moderationConfig);
  const content = contentVerdict({
    text: check.text,
    rules: blockRules(settings, moderationConfig),
    links: settings.links,
    senderIsGuest: identity.guest,
    senderIsModerator: moderator,
  });
  if (content.verdict === 'reject') refuse(content);
  const repetition = repetitionSettings(settings, moderationConfig);
  // An edit reaches the whole room like a message: it counts for slow mode and flood (not duplicates).
  const edit = check.kind === 'edit';
  const counted = edit ? { ...repetition, duplicates: false } : repetition;
  if (!moderator && (settings.slowModeSeconds > 0 || counted.duplicates || counted.flood)) {
    const entry = postEntry(check.text, edit ? `${check.clientId}/edit/${now}` : check.clientId, now);
    const outcome = await notePost(check.room, identity.id, entry, {
      slowModeSeconds: settings.slowModeSeconds,
      keep: entriesKept(repetition),
      relevantSeconds: Math.max(
        settings.slowModeSeconds,
        repetition.duplicateSeconds,
        repetition.floodSeconds,
      ),
    });
    if (!outcome.recorded) {
      const wait = Math.max(1, slowModeWait(outcome.lastAt, now, settings.slowModeSeconds));
      throw new ChatError('slow_mode', `slow mode: one message per ${settings.slowModeSeconds} s`, wait);
    }
    const verdict = repetitionVerdict(outcome.previous, entry, counted);
    if (verdict.verdict === 'reject') refuse(verdict);
  }
  let hold = content.verdict === 'hold' ? content.reason : undefined;
  if (check.hook?.verdict === 'hold') hold ??= check.hook.reason;
  if (check.hook?.verdict === 'failed' && settings.hookFailure === 'closed') {
    countModerationVerdict('reject');
    throw new ChatError('moderation_unavailable', 'messages cannot be checked right now; try again shortly');
  }
  // A shadow-muted sender's message is seen by nobody else: holding it would only show it to moderators.
  if (hold && !shadow) {
    if (edit)
      refuse({
        verdict: 'reject',
        code: 'blocked',
        reason: 'this text needs review: send it as a new message',
      });
    countModerationVerdict('hold');
    return { hold, shadow };
  }
  countModerationVerdict('allow');
  return { shadow };
}

/** The mute in force on `userId` in the room, or site-wide (cached per instance briefly). */
async function muteOf(userId: string, state: RoomState, now: number): Promise<Restriction | undefined> {
  const roomMute = state.restrictions.mutes.get(userId);
  if (isActive(roomMute, now)) return roomMute;
  const siteMute = (await siteMutes(moderationConfig.siteMuteCacheMs, now)).get(userId);
  return isActive(siteMute, now) ? siteMute : undefined;
}

function refuse(verdict: Extract<Verdict, { verdict: 'reject' }>): never {
  countModerationVerdict('reject');
  throw new ChatError(verdict.code, verdict.reason);
}
