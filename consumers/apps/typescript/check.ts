// Type-checked under every moduleResolution a TypeScript app may use (tsconfig.*.json), with the
// strictest flags and skipLibCheck off, so our declarations are checked too; node16 and nodenext
// builds are then run. Valid as CommonJS and as ESM (no top-level await).
import { ChatError, type ChatMessage, createChatClient, guestAuth } from '@org/chat-sdk';
import type { CognitoAuthOptions } from '@org/chat-sdk/cognito';
import { LIMITS, parseClientFrame } from '@org/chat-sdk/protocol';
import type { UseMessagesResult, UseTypingResult } from '@org/chat-sdk/react';
import type { ChatWidgetHandle, ChatWidgetOptions } from '@org/chat-widget';
import type { ChatWidgetProps } from '@org/chat-widget/react';

const widget: ChatWidgetOptions = {
  wsUrl: 'wss://ws.example.com',
  httpUrl: 'https://api.example.com',
  room: 'lobby',
  cognito: {
    userPoolId: 'eu-west-1_Example',
    clientId: 'client',
    accounts: () => import('@org/chat-widget/accounts'),
  },
};
const props: ChatWidgetProps = { ...widget, identity: { name: 'Ada' }, onUnread: (count: number) => count };
const cognito: CognitoAuthOptions = { userPoolId: 'eu-west-1_Example', clientId: 'client' };
const texts = (result: UseMessagesResult): string[] => result.messages.map((m: ChatMessage) => m.text);
const typists = (result: UseTypingResult): number => result.typing.length;
const open = (handle: ChatWidgetHandle): void => handle.open();

let refused = '';
try {
  createChatClient({
    wsUrl: 'http://not-a-websocket',
    httpUrl: widget.httpUrl,
    auth: guestAuth({ name: 'Ada' }),
  });
} catch (error) {
  if (error instanceof ChatError) refused = error.code;
}
const parsed = parseClientFrame(JSON.stringify({ action: 'ping' }));
if (refused !== 'invalid' || !parsed.ok || LIMITS.maxPageSize !== 100) {
  throw new Error(`unexpected: ${refused} ${JSON.stringify(parsed)}`);
}
console.log(
  'typescript: ran',
  [props.room, cognito.clientId, typeof texts, typeof typists, typeof open].join(' '),
);
