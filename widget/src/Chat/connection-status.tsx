import type { ConnectionState } from '@org/chat-sdk';
import type { ReadonlySignal } from '@preact/signals';
import type { Strings } from '../Common/i18n/strings.js';
import type { SessionPhase } from './chat-store.js';

/** The words for where the connection stands; empty while all is well. */
export function statusText(phase: SessionPhase, connection: ConnectionState, strings: Strings): string {
  if (connection === 'reconnecting') return strings.reconnecting;
  if (phase === 'signing-in' || connection === 'connecting') return strings.connecting;
  if (phase === 'ready' && connection === 'closed') return strings.disconnected;
  return '';
}

/** Props of ConnectionStatus. */
export interface ConnectionStatusProps {
  phase: ReadonlySignal<SessionPhase>;
  connection: ReadonlySignal<ConnectionState>;
  strings: Strings;
}

/** The status line. Always in the tree, even when empty, so screen readers announce its changes. */
export function ConnectionStatus({ phase, connection, strings }: ConnectionStatusProps) {
  const text = statusText(phase.value, connection.value, strings);
  return (
    <p
      role="status"
      class={text ? 'border-b border-line bg-notice px-4 py-1.5 text-xs text-on-notice' : 'sr-only'}
    >
      {text}
    </p>
  );
}
