import type { ChatMessage } from '@org/chat-sdk';
import { LIMITS } from '@org/chat-sdk/protocol';
import { useSignal } from '@preact/signals';
import { useLayoutEffect, useRef } from 'preact/hooks';
import { act, type MessageDialogProps } from './dialog-props.js';
import { ToolDialog } from './tool-dialog.js';

/** Edits one's own message: its text in a box, Enter saves (Shift+Enter adds a line). */
export function EditDialog({ message, store, strings, onClose }: MessageDialogProps) {
  const text = useSignal(message.text);
  const box = useRef<HTMLTextAreaElement>(null);
  // The dialog focused the box (its first field): the caret goes after the text, to go on writing.
  useLayoutEffect(() => {
    const end = box.current?.value.length ?? 0;
    box.current?.setSelectionRange(end, end);
  }, []);
  return (
    <ToolDialog
      title={strings.editTitle}
      submit={strings.save}
      strings={strings}
      onClose={onClose}
      action={async () => {
        const body = text.value.trim();
        // The author's own connection gets no update frame: the answer is shown in place.
        if (body !== message.text) {
          const ack = await act(store, { action: 'edit', seq: message.seq, text: body });
          store.change(ack.message as ChatMessage);
        }
        return undefined;
      }}
    >
      <label class="flex flex-col gap-1">
        <span class="font-medium">{strings.message}</span>
        <textarea
          ref={box}
          required
          maxLength={LIMITS.maxTextLength}
          value={text.value}
          onInput={(event) => {
            text.value = event.currentTarget.value;
          }}
          onKeyDown={(event) => {
            if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
            event.preventDefault();
            event.currentTarget.form?.requestSubmit();
          }}
          class="field field-sizing-content max-h-32 min-h-10 resize-none"
        />
      </label>
    </ToolDialog>
  );
}
