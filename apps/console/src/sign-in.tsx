import { ApiClient } from './api/api-client';
import { MnemoApi } from './api/mnemo-api';
import { identify, storeKey, type Identity } from './api/session';
import { submitted } from './ui/forms';
import { ErrorText } from './ui/messages';
import { PageTitle } from './ui/page-title';
import { useAction } from './ui/use-load';

interface SignInProps {
  /** why the last session ended (a revoked key), shown above the form */
  reason: string | undefined;
  onSignedIn: (key: string, identity: Identity) => void;
}

/** The key is checked against the API before it is kept (for this tab only). */
export function SignIn({ reason, onSignedIn }: SignInProps) {
  const { error, busy, act } = useAction();
  const submit = (key: string) =>
    act(async () => {
      const identity = await identify(new MnemoApi(new ApiClient(key)));
      storeKey(key);
      onSignedIn(key, identity);
    });
  return (
    <main id="main" class="sign-in">
      <PageTitle title="Sign in">Mnemo console</PageTitle>
      <form onSubmit={submitted((values) => void submit((values['api_key'] ?? '').trim()))}>
        <label for="api-key">API key</label>
        <input
          id="api-key"
          name="api_key"
          type="password"
          autocomplete="off"
          spellcheck={false}
          aria-describedby="api-key-hint"
        />
        <p id="api-key-hint" class="hint">
          A project key or the admin key (<code>MNEMO_ADMIN_API_KEY</code>). It stays in this tab
          only. Leave it empty when Mnemo runs without an admin key.
        </p>
        <ErrorText message={busy ? undefined : (error ?? reason)} />
        <button type="submit" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
