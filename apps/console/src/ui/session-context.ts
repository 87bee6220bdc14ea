import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { MnemoApi } from '../api/mnemo-api';
import type { Identity } from '../api/session';

export interface Session {
  api: MnemoApi;
  identity: Identity;
  /** OWNER keys change things; READER keys only read, so the console offers them no changes */
  canWrite: boolean;
  /** a message for the page shown now, or for `goTo` (then the console goes there) */
  notify: (text: string, goTo?: string) => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in console');
  return session;
}
