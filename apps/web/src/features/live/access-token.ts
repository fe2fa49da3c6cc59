import { storageTokenStore } from '../../api';

// The app's token store is localStorage-backed (api/index.ts); this reads the same entry. Where
// storage is blocked the app keeps tokens in memory only, and sockets then connect as a guest.
const store = (() => {
  try {
    return storageTokenStore(window.localStorage);
  } catch {
    return null;
  }
})();

/** The stored access token, for socket handshakes (sockets cannot renew it themselves). */
export function currentAccessToken(): string | undefined {
  return store?.get()?.accessToken;
}
