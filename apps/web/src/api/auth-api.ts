import type { AuthResponse, SignInRequest, SignUpRequest, UserView } from '@app/contracts';
import type { ApiClient } from './api-client';
import type { TokenStore } from './token-store';

/** The `/api/auth` endpoints; signing up or in stores the tokens, signing out forgets them. */
export class AuthApi {
  constructor(
    private readonly client: ApiClient,
    private readonly tokens: TokenStore,
  ) {}

  hasSession(): boolean {
    return this.tokens.get() !== null;
  }

  async signUp(request: SignUpRequest): Promise<UserView> {
    const res = await this.client.post<AuthResponse>('/api/auth/sign-up', request, { auth: false });
    this.tokens.set(res.tokens);
    return res.user;
  }

  async signIn(request: SignInRequest): Promise<UserView> {
    const res = await this.client.post<AuthResponse>('/api/auth/sign-in', request, { auth: false });
    this.tokens.set(res.tokens);
    return res.user;
  }

  me(signal?: AbortSignal): Promise<UserView> {
    return this.client.get<UserView>('/api/auth/me', { signal });
  }

  /**
   * Revokes the session on the api when it can; the device forgets the tokens either way, so a
   * person on a shared phone is signed out even with no signal.
   */
  async signOut(): Promise<void> {
    const current = this.tokens.get();
    if (!current) return;
    try {
      await this.client.post<void>('/api/auth/sign-out', { refreshToken: current.refreshToken });
    } catch {
      // see above
    } finally {
      this.client.clearSession();
    }
  }
}
