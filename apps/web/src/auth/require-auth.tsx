import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { useAuth } from './auth-context';
import { PageStatus } from '../components/page-status';

/** Renders its children for a signed-in person; sends anyone else to sign in and back again. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { state } = useAuth();
  const location = useLocation();
  switch (state.status) {
    case 'signedIn':
      return children;
    case 'loading':
    case 'unreachable':
      return <PageStatus state={state.status} />;
    case 'signedOut':
      return (
        <Navigate
          to={state.byUser ? '/sign-in' : `/sign-in?next=${encodeURIComponent(location.pathname)}`}
          replace
        />
      );
  }
}

/** Where to go after signing in: the `next` page if it is one of ours, else home. */
export function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}
