// Types of bot.mjs, for TypeScript users and the example's test.
import type { ChatUser } from '@org/chat-sdk';

/** The commands the bot answers, with their help text. */
export declare const COMMANDS: Readonly<Record<string, string>>;

/** The bot's answer to a message, or undefined when it has nothing to say (not a command). */
export declare function reply(text: string, now?: Date): string | undefined;

/** The greeting for someone who just came online in the room. */
export declare function greet(user: Pick<ChatUser, 'name'>): string;

/** Options of `startBot`. */
export interface BotOptions {
  wsUrl: string;
  httpUrl: string;
  /** Default `lobby`. */
  room?: string;
  /** The bot's guest name, default `Helper Bot`. */
  name?: string;
  /** Greets a user again only after this long, in ms (default 10 minutes). */
  greetEveryMs?: number;
  /** Where the bot reports its state; default console.log. */
  log?: (line: string) => void;
}

/** Connects, joins the room and runs the bot; resolves with the function that stops it. */
export declare function startBot(options: BotOptions): Promise<() => void>;
