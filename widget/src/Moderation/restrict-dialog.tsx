import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { fill } from '../Common/i18n/strings.js';
import { act, type MessageDialogProps } from './dialog-props.js';
import { ReasonField } from './reason-field.js';
import { ToolDialog } from './tool-dialog.js';

// The durations offered, in seconds (0: for good), each with the key of its text.
const DURATIONS = [
  ['minutes10', 600],
  ['hour1', 3600],
  ['day1', 86_400],
  ['week1', 604_800],
  ['forGood', 0],
] as const;

/** Props of RestrictDialog. */
export interface RestrictDialogProps extends MessageDialogProps {
  kind: 'mute' | 'ban';
}

/**
 * (Moderators) mutes or bans the message's author in the room: for how long, and why (the author is
 * told the reason; it is kept in the audit trail).
 */
export function RestrictDialog({ message, store, strings, onClose, kind }: RestrictDialogProps) {
  const seconds = useSignal(3600);
  const reason = useSignal('');
  const id = useId();
  const name = message.sender.name;
  const mute = kind === 'mute';
  const title = fill(mute ? strings.mute : strings.ban, { name });
  return (
    <ToolDialog
      title={title}
      submit={title}
      strings={strings}
      onClose={onClose}
      action={async () => {
        await act(store, {
          action: kind,
          user: message.sender.id,
          durationSeconds: seconds.value || undefined,
          reason: reason.value.trim() || undefined,
        });
        return fill(mute ? strings.didMute : strings.didBan, { name });
      }}
    >
      <p>{fill(mute ? strings.muteNote : strings.banNote, { name })}</p>
      <div class="flex flex-col gap-1">
        <label for={id} class="font-medium">
          {strings.duration}
        </label>
        <select
          id={id}
          value={seconds.value}
          onChange={(event) => {
            seconds.value = Number(event.currentTarget.value);
          }}
          class="field"
        >
          {DURATIONS.map(([key, value]) => (
            <option key={key} value={value}>
              {strings[key]}
            </option>
          ))}
        </select>
      </div>
      <ReasonField label={strings.reason} value={reason} />
    </ToolDialog>
  );
}
