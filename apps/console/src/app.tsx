import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { ApiClient } from './api/api-client';
import { MnemoApi } from './api/mnemo-api';
import { forgetKey, identify, storedKey, type Identity } from './api/session';
import { Layout } from './layout';
import { pageFor } from './pages';
import { parseHash } from './routing/hash-location';
import { useHash } from './routing/use-hash';
import { sectionOf } from './sections';
import { SignIn } from './sign-in';
import { Loading, Notice } from './ui/messages';
import { SessionContext, type Session } from './ui/session-context';
import { messageOf } from './ui/use-load';

type Phase =
  | { kind: 'resuming' }
  | { kind: 'signed-out'; reason?: string }
  | { kind: 'signed-in'; key: string; identity: Identity };

export function App() {
  const hash = useHash();
  const [phase, setPhase] = useState<Phase>(() =>
    storedKey() === null ? { kind: 'signed-out' } : { kind: 'resuming' },
  );
  const [notice, setNotice] = useState<{ text: string; hash: string }>();
  // A message belongs to the page it was given for: leaving that page drops it.
  useEffect(() => setNotice((shown) => (shown?.hash === hash ? shown : undefined)), [hash]);
  const signOut = useCallback((reason?: string) => {
    forgetKey();
    setPhase({ kind: 'signed-out', reason });
  }, []);

  // A reload keeps the tab's key: check it is still good before showing anything.
  useEffect(() => {
    const key = storedKey();
    if (key === null) return;
    identify(new MnemoApi(new ApiClient(key))).then(
      (identity) => setPhase({ kind: 'signed-in', key, identity }),
      (error: unknown) => signOut(messageOf(error)),
    );
  }, [signOut]);

  const session = useMemo<Session | undefined>(() => {
    if (phase.kind !== 'signed-in') return undefined;
    const notify = (text: string, goTo?: string) => {
      setNotice({ text, hash: goTo ?? location.hash });
      if (goTo !== undefined) location.hash = goTo;
    };
    return {
      api: new MnemoApi(new ApiClient(phase.key, signOut)),
      identity: phase.identity,
      canWrite: phase.identity.role === 'OWNER',
      notify,
    };
  }, [phase, signOut]);

  if (phase.kind === 'resuming') return <Loading what="the console" />;
  if (!session) {
    return (
      <SignIn
        reason={phase.kind === 'signed-out' ? phase.reason : undefined}
        onSignedIn={(key, identity) => setPhase({ kind: 'signed-in', key, identity })}
      />
    );
  }
  const where = parseHash(hash);
  const section = sectionOf(where.segments[0], session.identity);
  return (
    <SessionContext.Provider value={session}>
      <Layout identity={session.identity} current={section?.id} onSignOut={() => signOut()}>
        {notice?.hash === hash && <Notice>{notice.text}</Notice>}
        {pageFor(section?.id, where)}
      </Layout>
    </SessionContext.Provider>
  );
}
