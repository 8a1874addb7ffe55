// What a site with account sign-in (`cognito.accounts`) adds to the chat window, as a chunk of its own:
// the window loads it at mount only there, so a site of guests never downloads it. The account forms
// (Cognito) still load only when a visitor chooses them.
import { useSignal } from '@preact/signals';
import type { FunctionComponent } from 'preact';
import { useEffect } from 'preact/hooks';
import type { ChatStore, ChatStoreOptions } from '../Chat/chat-store.js';
import type { OfferStrings } from '../Common/i18n/strings.js';
import { loadAccounts } from '../internal.js';
import type { ChatCognitoOptions } from '../types.js';
import type { AccountFormProps } from './account-form.js';
import { NameForm } from './name-form.js';
import { ACCOUNT_KEY, localNameStorage } from './name-storage.js';

/** Props of an account offer's sign-in step. */
export interface AccountSignInProps {
  store: ChatStore;
  offer: AccountOffer;
  /**
   * Set when a guest in the room chose to sign in with an account: the account forms show at once,
   * saying the guest's messages move along, and this is called once the guest went back to the chat
   * or the account's session started (or failed).
   */
  upgrade?: () => void;
}

/** Account sign-in for one chat window: the store's account hooks and the sign-in step. */
export interface AccountOffer {
  cognito: ChatCognitoOptions;
  /** Its texts in English, to go under the dictionary's. */
  strings: OfferStrings;
  /** Restores a remembered account, ends one (revoking its sign-in), links a guest to one. */
  storeOptions: Pick<ChatStoreOptions, 'restoreAccount' | 'endAccount' | 'linkGuest'>;
  /** Remembers that an account signed in, where the site persists accounts: the next visit restores it. */
  remember(): void;
  /** The guest name prompt with "Sign in with an account", or (when chosen) the account forms. */
  SignIn: typeof AccountSignIn;
}

/** The offer's English texts, the fallback under the dictionary's (see OfferStrings). */
export const OFFER_STRINGS_EN: OfferStrings = {
  signIn: 'Sign in',
  useAccount: 'Sign in with an account',
  useGuest: 'Continue as a guest',
  loading: 'Loading…',
  keepHistory: 'What you wrote as a guest will show under your account.',
  historyNotMoved: 'Your guest messages could not be moved to your account.',
};

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

/** The account offer of a window whose site gave `cognito.accounts`, with its HTTP API at `httpUrl`. */
export function accountOffer(cognito: ChatCognitoOptions, httpUrl: string): AccountOffer {
  const account = localNameStorage(undefined, ACCOUNT_KEY);
  const storeOptions: AccountOffer['storeOptions'] = {
    // Only a visitor who signed in with an account before, on a site that persists accounts, downloads
    // the Cognito chunk on a return visit: without `persist` the tokens died with the last page.
    restoreAccount:
      cognito.persist && account.load()
        ? () => loadAccounts(cognito).then((module) => module.restoreAccount(cognito, httpUrl))
        : undefined,
    endAccount: (auth) => {
      account.clear();
      // Signs out with Cognito, revoking the refresh token (cognitoAuth's signOut); a failed revocation
      // is logged: the tokens are gone from here either way. No import of the account forms: an app
      // without amazon-cognito-identity-js must still build.
      const signOut = (auth as { signOut?: () => Promise<void> }).signOut;
      signOut
        ?.call(auth)
        .catch((error: unknown) => console.error('[chat-widget] could not revoke the sign-in', error));
    },
    // A guest signing in has loaded the account chunk already: linking downloads nothing more.
    linkGuest: (guest, signedIn) =>
      loadAccounts(cognito).then((module) => module.linkGuest(httpUrl, guest, signedIn)),
  };

  return {
    cognito,
    strings: OFFER_STRINGS_EN,
    storeOptions,
    remember: () => {
      if (cognito.persist) account.save('1');
    },
    SignIn: AccountSignIn,
  };
}

/** The guest name prompt with "Sign in with an account", or (when chosen) the lazily loaded account forms. */
export function AccountSignIn({ store, offer, upgrade }: AccountSignInProps) {
  const { cognito } = offer;
  const accountChosen = useSignal(upgrade !== undefined);
  const Form = useSignal<FunctionComponent<AccountFormProps> | undefined>(loaded);
  const failed = useSignal('');

  const chooseAccount = () => {
    accountChosen.value = true;
    failed.value = '';
    if (Form.value) return;
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

  if (!accountChosen.value) return <NameForm store={store} onUseAccount={chooseAccount} />;
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
        offer.remember();
        await store.signInWith(auth);
        upgrade?.();
      }}
      onUseGuest={backToGuest}
    />
  );
}
