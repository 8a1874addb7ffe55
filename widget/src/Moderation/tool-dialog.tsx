import { useSignal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useId, useLayoutEffect, useRef } from 'preact/hooks';
import { describeError } from '../Chat/describe-error.js';
import type { ModerationStrings, Strings } from '../Common/i18n/strings.js';
import { refusal } from './refusal.js';

/** Props of ToolDialog. */
export interface ToolDialogProps {
  title: string;
  /** The confirming button's text. */
  submit: string;
  /**
   * Runs the action when the form is submitted: resolves with what to say once done (the dialog then
   * shows it, with Done), or with nothing to close at once; a rejection is shown in words, by its code.
   */
  action: () => Promise<string | undefined>;
  /** The dialog closed (done, cancelled, Escape). */
  onClose: () => void;
  strings: Strings & ModerationStrings;
  /** The form's fields and notes. */
  children?: ComponentChildren;
}

/**
 * A modal dialog (the browser's own `<dialog>`: focus stays inside, the rest of the page is inert,
 * Escape closes it) with a form: fields, Cancel and a confirming button; then what was done, and Done.
 */
export function ToolDialog({ title, submit, action, onClose, strings, children }: ToolDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const busy = useSignal(false);
  const error = useSignal('');
  const done = useSignal('');
  useLayoutEffect(() => {
    dialog.current?.showModal();
  }, []);
  // Once done, focus goes to Done, which reads out what was done.
  useLayoutEffect(() => {
    if (done.value) dialog.current?.querySelector<HTMLElement>('[data-done]')?.focus();
  }, [done.value]);
  const close = () => dialog.current?.close();

  const run = async (event: Event) => {
    event.preventDefault();
    if (busy.value) return;
    busy.value = true;
    error.value = '';
    try {
      const result = await action();
      if (result) done.value = result;
      else close();
    } catch (problem) {
      error.value = refusal(problem, strings) ?? describeError(problem, strings);
    } finally {
      busy.value = false;
    }
  };

  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}t`}
      onClose={onClose}
      // The dialog closes on Escape by itself; the chat window must not close with it.
      onKeyDown={(event) => event.key === 'Escape' && event.stopPropagation()}
      class="mod-dialog"
    >
      <form onSubmit={run} class="flex flex-col gap-4 text-sm">
        <h3 id={`${id}t`} class="text-base font-semibold">
          {title}
        </h3>
        {done.value ? <p id={`${id}d`}>{done.value}</p> : children}
        {error.value && (
          <p role="alert" class="text-danger">
            {error.value}
          </p>
        )}
        <div class="flex justify-end gap-2">
          {done.value ? (
            <button type="button" data-done aria-describedby={`${id}d`} onClick={close} class="primary">
              {strings.done}
            </button>
          ) : (
            <>
              <button type="button" onClick={close} class="link">
                {strings.cancel}
              </button>
              <button type="submit" disabled={busy.value} class="primary">
                {submit}
              </button>
            </>
          )}
        </div>
      </form>
    </dialog>
  );
}
