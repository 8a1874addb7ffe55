import { useSignal } from '@preact/signals';
import { act, type MessageDialogProps } from './dialog-props.js';
import { ReasonField } from './reason-field.js';
import { ToolDialog } from './tool-dialog.js';

/** Reports someone else's message to the room's moderators, saying why. */
export function ReportDialog({ message, store, strings, onClose }: MessageDialogProps) {
  const reason = useSignal('');
  return (
    <ToolDialog
      title={strings.reportTitle}
      submit={strings.report}
      strings={strings}
      onClose={onClose}
      action={async () => {
        await act(store, { action: 'report', seq: message.seq, reason: reason.value.trim() });
        return strings.reported;
      }}
    >
      <ReasonField label={strings.reportReason} value={reason} required />
    </ToolDialog>
  );
}
