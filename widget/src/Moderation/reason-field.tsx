import type { Signal } from '@preact/signals';

/** The protocol's limit on a reason (PROTOCOL.md, Moderation). */
export const MAX_REASON = 300;

/** Props of ReasonField. */
export interface ReasonFieldProps {
  label: string;
  /** The reason typed so far; the field edits it. */
  value: Signal<string>;
  required?: boolean;
}

/** A labelled reason box: why a message is reported, or why a moderator acts. */
export function ReasonField({ label, value, required = false }: ReasonFieldProps) {
  return (
    <label class="flex flex-col gap-1">
      <span class="font-medium">{label}</span>
      <textarea
        required={required}
        rows={2}
        maxLength={MAX_REASON}
        value={value.value}
        onInput={(event) => {
          value.value = event.currentTarget.value;
        }}
        class="field resize-none"
      />
    </label>
  );
}
