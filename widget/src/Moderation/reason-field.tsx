/** The protocol's limit on a reason (PROTOCOL.md, Moderation). */
export const MAX_REASON = 300;

/** Props of ReasonField. */
export interface ReasonFieldProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
  required?: boolean;
}

/** A labelled reason box: why a message is reported, or why a moderator acts. */
export function ReasonField({ label, value, onInput, required = false }: ReasonFieldProps) {
  return (
    <label class="flex flex-col gap-1">
      <span class="font-medium">{label}</span>
      <textarea
        required={required}
        rows={2}
        maxLength={MAX_REASON}
        value={value}
        onInput={(event) => onInput(event.currentTarget.value)}
        class="field resize-none"
      />
    </label>
  );
}
