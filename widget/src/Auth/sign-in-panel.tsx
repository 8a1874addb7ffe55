import { useSignal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ChatStore } from '../Chat/chat-store.js';
import { loadAccounts } from '../internal.js';
import type { ChatCognitoOptions } from '../types.js';
import type { AccountFormProps } from './account-form.js';
import { NameForm } from './name-form.js';

/** Props of SignInPanel. */
export interface SignInPanelProps {
  store: ChatStore;
  /** The user pool for account sign-in; without it only the guest prompt shows. */
  cognito: ChatCognitoOptions | undefined;
  /** Remembers that an account signed in, so the next visit restores it. */
  onAccount: () => void;
  /**
   * Set when a guest in the room chose to sign in with an account: the account forms show at once,
   * saying the guest's messages move along, and this is called once the guest went back to the chat
   * or the account's session started (or failed).
   */
  upgrade?: () => void;
}

// Loaded once per page, on the first "Sign in with an account".
let loaded: FunctionComponent<AccountFormProps> | undefined;
let loading: Promise<FunctionComponent<AccountFormProps>> | undefined;
const loadAccountForm = (cognito: ChatCognitoOptions) => {
  loading ??= loadAccounts(cognito).then((module) => {
    loaded = module.AccountForm;
    return loaded;
  });
  return loading;
};

/** The sign-in step: the guest name prompt, or (when chosen) the lazily loaded account forms. */
export function SignInPanel({ store, cognito, onAccount, upgrade }: SignInPanelProps) {
  const accountChosen = useSignal(upgrade !== undefined);
  const Form = useSignal<FunctionComponent<AccountFormProps> | undefined>(loaded);
  const failed = useSignal('');

  const chooseAccount = () => {
    accountChosen.value = true;
    failed.value = '';
    if (Form.value || !cognito) return;
    loadAccountForm(cognito).then(
      (component) => {
        Form.value = component;
      },
      (error: unknown) => {
        console.error('[chat-widget]', error);
        failed.value = store.strings.unreachable;
        loading = undefined; // the next try downloads again
      },
    );
  };
  const backToGuest = () => {
    if (upgrade) upgrade();
    else accountChosen.value = false;
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: only on mount, when opened for a guest in the room.
  useEffect(() => {
    if (upgrade) chooseAccount(); // loads the forms, unless an earlier sign-in did
  }, []);

  // Account sign-in is offered only where the app gave the way to load it (`cognito.accounts`).
  if (!cognito?.accounts || !accountChosen.value) {
    return <NameForm store={store} onUseAccount={cognito?.accounts ? chooseAccount : undefined} />;
  }
  const Loaded = Form.value;
  if (!Loaded) {
    return (
      <div class="flex flex-1 flex-col items-center justify-center gap-4 p-6">
        <p role="status" class="text-sm text-muted">
          {failed.value || store.strings.loading}
        </p>
        {failed.value && (
          <button type="button" class="link" onClick={backToGuest}>
            {store.strings.useGuest}
          </button>
        )}
      </div>
    );
  }
  return (
    <Loaded
      store={store}
      cognito={cognito}
      note={upgrade && store.strings.keepHistory}
      onSignedIn={async (auth) => {
        onAccount();
        await store.signInWith(auth);
        upgrade?.();
      }}
      onUseGuest={backToGuest}
    />
  );
}
