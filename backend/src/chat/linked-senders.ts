import { type ChatMessage, type IdentityLink, relabelMessage } from '@org/chat-sdk/protocol';
import type { PositionRow } from './pages.js';

/** Finds the links of those of some guest ids that were linked to accounts. */
export type LinkLookup = (guestIds: string[]) => Promise<Map<string, IdentityLink>>;

/**
 * Rows with every linked guest's earlier messages shown as the account's: a guest who signed up keeps
 * what they wrote, resolved when read rather than by rewriting stored messages (their keys, ids and
 * positions stay as they are). Done before a page is cut to size, since an account's name may be
 * longer than the guest's. Rows without guest messages cost no lookup.
 */
export async function linkedSenders<T extends { rows: PositionRow[] }>(
  read: T,
  lookup: LinkLookup,
): Promise<T> {
  const links = await linksOf(
    read.rows.map((row) => row.message),
    lookup,
  );
  if (!links.size) return read;
  const rows = read.rows.map((row) => (row.message ? { ...row, message: relabel(row.message, links) } : row));
  return { ...read, rows };
}

/** The same for a list of messages. */
export async function linkedMessages(messages: ChatMessage[], lookup: LinkLookup): Promise<ChatMessage[]> {
  const links = await linksOf(messages, lookup);
  return links.size ? messages.map((message) => relabel(message, links)) : messages;
}

/** The message with its sender as known now, given the links of some guests (see relabelMessage). */
export function relabel(message: ChatMessage, links: ReadonlyMap<string, IdentityLink>): ChatMessage {
  const link = links.get(message.sender.id);
  return link ? relabelMessage(message, link) : message;
}

async function linksOf(
  messages: readonly (ChatMessage | undefined)[],
  lookup: LinkLookup,
): Promise<ReadonlyMap<string, IdentityLink>> {
  const guests = new Set<string>();
  for (const message of messages) if (message?.sender.guest) guests.add(message.sender.id);
  return guests.size ? lookup([...guests]) : new Map();
}
