import type { ChatMessage } from '@org/chat-sdk';
import { useSignal } from '@preact/signals';
import { act, type MessageDialogProps } from './dialog-props.js';
import { ReasonField } from './reason-field.js';
import { ToolDialog } from './tool-dialog.js';

/** Props of DeleteDialog. */
export interface DeleteDialogProps extends MessageDialogProps {
  /** A moderator deleting someone else's message may say why (kept in the audit trail). */
  askReason: boolean;
}

/** Asks before deleting a message: its tombstone then takes its place, for everyone. */
export function DeleteDialog({ message, store, strings, onClose, askReason }: DeleteDialogProps) {
  const reason = useSignal('');
  return (
    <ToolDialog
      title={strings.deleteTitle}
      submit={strings.delete}
      strings={strings}
      onClose={onClose}
      action={async () => {
        const reasonGiven = reason.value.trim() || undefined;
        const ack = await act(store, { action: 'delete', seq: message.seq, reason: reasonGiven });
        store.change(ack.message as ChatMessage);
        return undefined;
      }}
    >
      <p>{strings.deleteNote}</p>
      {askReason && <ReasonField label={strings.reason} value={reason} />}
    </ToolDialog>
  );
}
