import type { ConnectionState } from '@org/chat-sdk';
import type { ReadonlySignal } from '@preact/signals';
import type { SessionPhase } from './chat-store.js';

/** The words for where the connection stands; empty while all is well. */
export function statusText(phase: SessionPhase, connection: ConnectionState): string {
  if (connection === 'reconnecting') return 'Reconnecting…';
  if (phase === 'signing-in' || connection === 'connecting') return 'Connecting…';
  if (phase === 'ready' && connection === 'closed') return 'Disconnected. Reload the page to reconnect.';
  return '';
}

/** Props of ConnectionStatus. */
export interface ConnectionStatusProps {
  phase: ReadonlySignal<SessionPhase>;
  connection: ReadonlySignal<ConnectionState>;
}

/** The status line. Always in the tree, even when empty, so screen readers announce its changes. */
export function ConnectionStatus({ phase, connection }: ConnectionStatusProps) {
  const text = statusText(phase.value, connection.value);
  return (
    <p
      role="status"
      class={text ? 'border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-xs text-amber-900' : 'sr-only'}
    >
      {text}
    </p>
  );
}
