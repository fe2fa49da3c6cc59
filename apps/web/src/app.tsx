import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { AuthProvider } from './auth/auth-context';
import { RequireAuth } from './auth/require-auth';
import { AppShell } from './components/app-shell';
import { I18nProvider } from './i18n';
import { AccountPage } from './pages/account-page';
import { FEATURES } from './pages/features';
import { HomePage } from './pages/home-page';
import { SignInPage } from './pages/sign-in-page';
import { SignUpPage } from './pages/sign-up-page';
import { ComingSoonPage, NotFoundPage } from './pages/simple-pages';
import { commerceRoutes } from './features/commerce/routes';
import { learningRoutes } from './features/learning/routes';
import { liveRoutes } from './features/live/routes';

const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <HomePage /> },
      { path: 'sign-up', element: <SignUpPage /> },
      { path: 'sign-in', element: <SignInPage /> },
      {
        path: 'account',
        element: (
          <RequireAuth>
            <AccountPage />
          </RequireAuth>
        ),
      },
      ...liveRoutes,
      ...learningRoutes,
      ...commerceRoutes,
      ...FEATURES.filter((f) => !f.ready).map((f) => ({
        path: f.path,
        element: <ComingSoonPage title={f.title} />,
      })),
      { path: '*', element: <NotFoundPage /> },
    ],
  },
]);

export function App() {
  return (
    <I18nProvider>
      <AuthProvider>
        <RouterProvider router={router} />
      </AuthProvider>
    </I18nProvider>
  );
}
