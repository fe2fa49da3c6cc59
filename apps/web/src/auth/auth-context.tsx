import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SignInRequest, SignUpRequest, UserView } from '@app/contracts';
import { useNavigate } from 'react-router-dom';
import { apiClient, authApi, isApiError } from '../api';

export type AuthState =
  | { status: 'loading' }
  /** `byUser`: they chose to sign out, so no page should offer to bring them back after signing in */
  | { status: 'signedOut'; byUser?: boolean }
  | { status: 'signedIn'; user: UserView }
  /** there are tokens but the api could not be reached to confirm them */
  | { status: 'unreachable' };

export interface Auth {
  state: AuthState;
  signUp(request: SignUpRequest): Promise<void>;
  signIn(request: SignInRequest): Promise<void>;
  signOut(): Promise<void>;
  /** ask the api who is signed in (on start, and after being unreachable) */
  reload(): Promise<void>;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>(() =>
    authApi.hasSession() ? { status: 'loading' } : { status: 'signedOut' },
  );

  const reload = useCallback(async () => {
    if (!authApi.hasSession()) {
      setState({ status: 'signedOut' });
      return;
    }
    setState({ status: 'loading' });
    try {
      setState({ status: 'signedIn', user: await authApi.me() });
    } catch (e) {
      // 401s have already ended the session in the client; anything else is the network
      setState(
        isApiError(e) && e.status === 0 && authApi.hasSession()
          ? { status: 'unreachable' }
          : { status: 'signedOut' },
      );
    }
  }, []);

  useEffect(() => {
    void reload();
    return apiClient.onSessionEnded(() => setState({ status: 'signedOut' }));
  }, [reload]);

  const value = useMemo<Auth>(
    () => ({
      state,
      reload,
      signUp: async (request) => setState({ status: 'signedIn', user: await authApi.signUp(request) }),
      signIn: async (request) => setState({ status: 'signedIn', user: await authApi.signIn(request) }),
      signOut: async () => {
        await authApi.signOut();
        setState({ status: 'signedOut', byUser: true });
      },
    }),
    [state, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() needs an <AuthProvider> above it');
  return auth;
}

/** The signed-in user, or null while signed out, loading or offline. */
export function useUser(): UserView | null {
  const { state } = useAuth();
  return state.status === 'signedIn' ? state.user : null;
}

/** Sign out, then show the sign-in page (from anywhere, including a page that needs an account). */
export function useSignOut(): () => Promise<void> {
  const { signOut } = useAuth();
  const navigate = useNavigate();
  return async () => {
    await signOut();
    await navigate('/sign-in', { replace: true });
  };
}
