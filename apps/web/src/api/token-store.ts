import type { AuthTokens } from '@app/contracts';

export interface StoredTokens {
  accessToken: string;
  refreshToken: string;
  refreshExpiresAt: string;
}

/** Where the session's tokens live; shared by every tab of the origin when backed by localStorage. */
export interface TokenStore {
  get(): StoredTokens | null;
  set(tokens: AuthTokens): void;
  clear(): void;
}

/** The minimal part of the Web Storage API this needs, so tests can pass a Map-backed one. */
export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

const KEY = 'aa.auth';

export function storageTokenStore(storage: KeyValueStorage, key = KEY): TokenStore {
  return {
    get() {
      try {
        const raw = storage.getItem(key);
        if (!raw) return null;
        const parsed = JSON.parse(raw) as Partial<StoredTokens>;
        if (typeof parsed.accessToken !== 'string' || typeof parsed.refreshToken !== 'string') return null;
        return {
          accessToken: parsed.accessToken,
          refreshToken: parsed.refreshToken,
          refreshExpiresAt: parsed.refreshExpiresAt ?? '',
        };
      } catch {
        return null;
      }
    },
    set({ accessToken, refreshToken, refreshExpiresAt }) {
      const value: StoredTokens = { accessToken, refreshToken, refreshExpiresAt };
      storage.setItem(key, JSON.stringify(value));
    },
    clear() {
      storage.removeItem(key);
    },
  };
}

export function memoryStorage(): KeyValueStorage {
  const map = new Map<string, string>();
  return {
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, v),
    removeItem: (k) => void map.delete(k),
  };
}
