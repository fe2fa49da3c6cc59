export const Roles = ['trainee', 'anchor', 'instructor', 'viewer', 'program_admin', 'admin'] as const;
export type Role = (typeof Roles)[number];

/** Roles a person may take for themselves at sign-up; the rest only an admin grants. */
export const SelfServiceRoles: readonly Role[] = ['trainee', 'anchor', 'viewer'];

export const Locales = ['zh-CN', 'en'] as const;
export type Locale = (typeof Locales)[number];

export interface SignUpRequest {
  /** mainland mobile number (11 digits starting with 1), optionally with +86; or an e-mail address */
  identifier: string;
  password: string;
  displayName: string;
  roles?: Role[];
  locale?: Locale;
}

export interface SignInRequest {
  identifier: string;
  password: string;
}

export interface RefreshRequest {
  refreshToken: string;
}

export interface UserView {
  id: string;
  displayName: string;
  phone: string | null;
  email: string | null;
  roles: Role[];
  locale: Locale;
  createdAt: string;
}

export interface AuthTokens {
  accessToken: string;
  /** seconds until the access token expires */
  expiresIn: number;
  refreshToken: string;
  refreshExpiresAt: string;
}

export interface AuthResponse {
  user: UserView;
  tokens: AuthTokens;
}

export interface GrantRolesRequest {
  roles: Role[];
}
