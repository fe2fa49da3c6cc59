import { ApiClient } from './api-client';
import { AuthApi } from './auth-api';
import { indexedDbLedger, memoryLedger } from './rotation-ledger';
import { memoryStorage, storageTokenStore, type KeyValueStorage } from './token-store';

export { ApiClient, webLock, type ApiClientOptions, type Lock, type RequestOptions } from './api-client';
export { ApiError, isApiError } from './api-error';
export { AuthApi } from './auth-api';
export { indexedDbLedger, memoryLedger, type Rotation, type RotationLedger } from './rotation-ledger';
export { memoryStorage, storageTokenStore, type StoredTokens, type TokenStore } from './token-store';

function browserStorage(): KeyValueStorage {
  try {
    // reading the property itself throws where storage is blocked
    return window.localStorage;
  } catch {
    return memoryStorage();
  }
}

const tokens = storageTokenStore(browserStorage());

/** The app's one client, talking to the api on this page's own origin. */
export const apiClient = new ApiClient({
  tokens,
  ledger: typeof indexedDB === 'undefined' ? memoryLedger() : indexedDbLedger(),
});
export const authApi = new AuthApi(apiClient, tokens);
