import type { HookFailurePolicy, LinkPolicy } from '@org/chat-sdk/protocol';
import { HOOK_FAILURE_POLICIES, LINK_POLICIES } from '@org/chat-sdk/protocol';
import { integer } from './config.js';

/** The stage's moderation settings (serverless.yml `custom.stages.<stage>.moderation`), read once at cold start. */
export interface ModerationConfig {
  /**
   * The stage's block list: comma-separated entries, each a word or phrase (refused), `hold:<word>`
   * (held for review) or `re:<pattern>` / `hold:re:<pattern>` (a regular expression; stage only).
   */
  blockList: string;
  /** Defaults for rooms that set nothing themselves. */
  links: LinkPolicy;
  duplicates: boolean;
  flood: boolean;
  hookFailure: HookFailurePolicy;
  /** The same text twice from one identity within this many seconds is a duplicate. */
  duplicateSeconds: number;
  /** More than `floodMessages` messages from one identity in one room within `floodSeconds` is a flood. */
  floodMessages: number;
  floodSeconds: number;
  /** The moderation hook's function name; undefined (MODERATION_HOOK empty or `off`): no hook. */
  hook: string | undefined;
  /** How long a send waits for the hook's verdict, in ms. */
  hookTimeoutMs: number;
  /** How long after sending its author may edit a message, in seconds. */
  editWindowSeconds: number;
  /** A banned guest's network (IPv4 address or IPv6 /64) is banned for guests this many hours (0: never). */
  guestNetworkBanHours: number;
  /** How long a guest identity can live (auth's GUEST_IDENTITY_MAX_AGE_SECONDS): a guest's bans need not outlive it. */
  guestIdentityMaxAgeSeconds: number;
  /** How long a function instance trusts its copy of the site-wide mutes, in ms. */
  siteMuteCacheMs: number;
}

/** Reads the moderation settings from an environment, throwing on a bad value. */
export function loadModerationConfig(env: NodeJS.ProcessEnv): ModerationConfig {
  return {
    blockList: env.MODERATION_BLOCK_LIST ?? '',
    links: oneOf(env, 'MODERATION_LINKS', LINK_POLICIES, 'allow'),
    duplicates: flag(env, 'MODERATION_DUPLICATES', false),
    flood: flag(env, 'MODERATION_FLOOD', false),
    hookFailure: oneOf(env, 'MODERATION_HOOK_FAILURE', HOOK_FAILURE_POLICIES, 'open'),
    duplicateSeconds: integer(env, 'MODERATION_DUPLICATE_SECONDS', 60, 1),
    floodMessages: integer(env, 'MODERATION_FLOOD_MESSAGES', 5, 1),
    floodSeconds: integer(env, 'MODERATION_FLOOD_SECONDS', 10, 1),
    // `off` (or empty) turns a stage's hook off, e.g. a local stack's sample (serverless.yml).
    hook: env.MODERATION_HOOK && env.MODERATION_HOOK !== 'off' ? env.MODERATION_HOOK : undefined,
    hookTimeoutMs: integer(env, 'MODERATION_HOOK_TIMEOUT_MS', 500, 10),
    editWindowSeconds: integer(env, 'EDIT_WINDOW_SECONDS', 900, 0),
    guestNetworkBanHours: integer(env, 'GUEST_NETWORK_BAN_HOURS', 0, 0),
    guestIdentityMaxAgeSeconds: integer(env, 'GUEST_IDENTITY_MAX_AGE_SECONDS', 30 * 24 * 3600, 60),
    siteMuteCacheMs: integer(env, 'SITE_MUTE_CACHE_MS', 5000, 0),
  };
}

function flag(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (raw === 'on' || raw === 'true') return true;
  if (raw === 'off' || raw === 'false') return false;
  throw new Error(`${name} must be on or off`);
}

function oneOf<T extends string>(
  env: NodeJS.ProcessEnv,
  name: string,
  allowed: readonly T[],
  fallback: T,
): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw))
    throw new Error(`${name} must be one of ${allowed.join(', ')}`);
  return raw as T;
}

/** The moderation settings of this Lambda instance. */
export const moderationConfig: ModerationConfig = loadModerationConfig(process.env);
