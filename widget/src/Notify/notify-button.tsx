import { useSignal } from '@preact/signals';

/** Props of NotifyButton. */
export interface NotifyButtonProps {
  /** The button's name, e.g. "Notify me of replies". */
  label: string;
  class: string;
}

const permission = () => (typeof Notification === 'undefined' ? 'denied' : Notification.permission);

/**
 * Asks the visitor for permission to show system notifications, only when they click it (browsers
 * ignore or penalise prompts without a click). Hidden once they answered either way.
 */
export function NotifyButton({ label, class: className }: NotifyButtonProps) {
  const state = useSignal(permission());
  if (state.value !== 'default') return null;
  return (
    <button
      type="button"
      class={className}
      onClick={() => {
        const answered = (answer: NotificationPermission) => {
          state.value = answer;
        };
        void Notification.requestPermission().then(answered, () => answered(permission()));
      }}
    >
      <svg
        viewBox="0 0 24 24"
        aria-hidden="true"
        class="size-5 fill-none stroke-current stroke-2"
        stroke-linecap="round"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span class="sr-only">{label}</span>
    </button>
  );
}
