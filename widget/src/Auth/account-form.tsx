// The account sign-in and sign-up, in a chunk of its own with the Cognito SDK: only visitors who choose
// to sign in with an account download it (guests never do).
import { type AuthProvider, ChatError, linkGuest as link } from '@org/chat-sdk';
import { type CognitoAuth, cognitoAuth } from '@org/chat-sdk/cognito';
import { checkDisplayName, LIMITS } from '@org/chat-sdk/protocol';
import { useSignal } from '@preact/signals';
import { useId, useLayoutEffect, useMemo, useRef } from 'preact/hooks';
import type { ChatStore } from '../Chat/chat-store.js';
import { describeError } from '../Chat/describe-error.js';
import { type AccountStrings, fill, type Strings } from '../Common/i18n/strings.js';
import type { ChatCognitoOptions } from '../types.js';
import { ACCOUNT_STRINGS_EN } from './account-strings.js';

/**
 * The Cognito auth of the widget: tokens in memory (a reload signs out) unless the site opted into
 * `persist`, which keeps them in the page's localStorage (see ChatCognitoOptions.persist).
 */
export function accountAuth(options: ChatCognitoOptions): CognitoAuth {
  return cognitoAuth({ ...options, persist: options.persist === true });
}

/** Signs an account out and revokes its refresh token; a failed revocation is logged (the tokens are gone here). */
export function endAccount(auth: AuthProvider): void {
  if (!('signOut' in auth)) return;
  (auth as CognitoAuth)
    .signOut()
    .catch((error: unknown) => console.error('[chat-widget] could not revoke the sign-in', error));
}

/**
 * Makes the guest of `guest` one person with the account of `account` (POST /link): what the guest
 * wrote shows the account from then on. In this chunk, which a guest signing in has loaded already.
 */
export async function linkGuest(httpUrl: string, guest: AuthProvider, account: AuthProvider): Promise<void> {
  await link({ httpUrl, guest, account });
}

/** The remembered account's auth if its tokens still work (refreshed if needed), else undefined. */
export async function restoreAccount(
  options: ChatCognitoOptions,
  httpUrl: string,
): Promise<AuthProvider | undefined> {
  const auth = accountAuth(options);
  try {
    await auth.getSession({ httpUrl });
    return auth;
  } catch {
    endAccount(auth);
    return undefined;
  }
}

/** Props of AccountForm. */
export interface AccountFormProps {
  store: ChatStore;
  cognito: ChatCognitoOptions;
  /** Called once signed in, with the auth to connect with; the form stays busy until it settles. */
  onSignedIn: (auth: AuthProvider) => void | Promise<void>;
  /** A line under the title (a guest signing in is told that their messages move along). */
  note?: string | undefined;
  /** Back to the guest name prompt. */
  onUseGuest: () => void;
}

type Mode = 'sign-in' | 'sign-up' | 'confirm';

/** Sign in with email and password; or sign up, confirm the emailed code, and sign in. */
export function AccountForm({ store, cognito, onSignedIn, note, onUseGuest }: AccountFormProps) {
  const strings = { ...ACCOUNT_STRINGS_EN, ...store.strings } as Strings & AccountStrings;
  const auth = useMemo(() => accountAuth(cognito), [cognito]);
  const mode = useSignal<Mode>('sign-in');
  const email = useSignal('');
  const password = useSignal('');
  const displayName = useSignal('');
  const code = useSignal('');
  const busy = useSignal(false);
  const error = useSignal(store.nameError.peek());
  const id = useId();
  const form = useRef<HTMLFormElement>(null);

  // Focus follows the form as it appears and changes step (it may load after its button was pressed).
  // biome-ignore lint/correctness/useExhaustiveDependencies: on mount and on each step only.
  useLayoutEffect(() => {
    form.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [mode.value]);

  const run = async (action: () => Promise<void>) => {
    busy.value = true;
    error.value = '';
    try {
      await action();
    } catch (problem) {
      error.value = describeError(problem, strings);
    } finally {
      busy.value = false;
    }
  };

  const signIn = async () => {
    await auth.signIn(email.value.trim(), password.value);
    await onSignedIn(auth);
  };

  const submit = () =>
    run(async () => {
      if (mode.value === 'sign-in') return signIn();
      if (mode.value === 'sign-up') {
        // Checked here by the server's own rules, so a refused name is said before the account exists.
        const name = checkDisplayName(displayName.value);
        if (!name.ok) throw new ChatError('invalid', strings.nameInvalid);
        await auth.signUp(email.value.trim(), password.value, name.name);
        mode.value = 'confirm';
        return;
      }
      await auth.confirmSignUp(email.value.trim(), code.value.trim());
      await signIn();
    });

  const field = (
    name: string,
    label: string,
    value: typeof email,
    type: 'email' | 'password' | 'text',
    autoComplete: string,
    maxLength?: number,
  ) => (
    <div class="flex flex-col gap-1.5">
      <label for={`${id}-${name}`} class="text-sm font-medium">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        data-autofocus={name === 'email' || name === 'code' ? true : undefined}
        // Preact's input types pair each `type` with its own attributes; these three share the same ones.
        type={type as 'text'}
        required
        autoComplete={autoComplete}
        maxLength={maxLength}
        readOnly={busy.value}
        value={value.value}
        onInput={(event) => {
          value.value = event.currentTarget.value;
        }}
        aria-invalid={error.value ? true : undefined}
        aria-describedby={error.value ? `${id}-error` : undefined}
        class="field"
      />
    </div>
  );

  const title =
    mode.value === 'sign-up' ? strings.signUp : mode.value === 'confirm' ? strings.confirm : strings.signIn;
  return (
    <form
      ref={form}
      class="flex flex-1 flex-col justify-center gap-4 overflow-y-auto p-6"
      aria-busy={busy.value}
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <h3 class="text-lg font-semibold">{title}</h3>
      {note && <p class="text-sm text-muted">{note}</p>}
      {mode.value === 'confirm' ? (
        <>
          <p class="text-sm text-muted">{fill(strings.codeSent, { email: email.value })}</p>
          {field('code', strings.code, code, 'text', 'one-time-code')}
        </>
      ) : (
        <>
          {mode.value === 'sign-up' &&
            field('name', strings.nameLabel, displayName, 'text', 'nickname', LIMITS.maxNameLength)}
          {field('email', strings.email, email, 'email', 'email')}
          {field(
            'password',
            strings.password,
            password,
            'password',
            mode.value === 'sign-up' ? 'new-password' : 'current-password',
          )}
        </>
      )}
      {error.value && (
        <p id={`${id}-error`} role="alert" class="text-sm text-danger">
          {error.value}
        </p>
      )}
      <button type="submit" disabled={busy.value} class="primary">
        {busy.value ? strings.signingIn : title}
      </button>
      {mode.value !== 'confirm' && (
        <button
          type="button"
          class="link"
          onClick={() => {
            mode.value = mode.value === 'sign-in' ? 'sign-up' : 'sign-in';
            error.value = '';
          }}
        >
          {mode.value === 'sign-in' ? strings.toSignUp : strings.toSignIn}
        </button>
      )}
      <button type="button" class="link" onClick={onUseGuest}>
        {strings.useGuest}
      </button>
    </form>
  );
}
