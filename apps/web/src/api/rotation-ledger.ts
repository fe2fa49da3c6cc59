import type { AuthTokens } from '@app/contracts';

/** The last refresh: which refresh token it used up, and what replaced it. */
export interface Rotation {
  replaced: string;
  tokens: AuthTokens;
}

/**
 * Read and written only while holding the refresh lock. It exists because localStorage is not
 * consistent across tabs: Chromium sends a write to other tabs' processes asynchronously, so a tab
 * that gets the lock right after another tab refreshed can still read the used-up refresh token,
 * replay it, and have the api revoke the session. IndexedDB transactions are ordered in one place,
 * so a read started after the other tab's write committed sees it.
 */
export interface RotationLedger {
  read(): Promise<Rotation | undefined>;
  write(rotation: Rotation): Promise<void>;
  clear(): Promise<void>;
}

export function memoryLedger(): RotationLedger {
  let last: Rotation | undefined;
  return {
    read: () => Promise.resolve(last),
    write: (rotation) => Promise.resolve(void (last = rotation)),
    clear: () => Promise.resolve(void (last = undefined)),
  };
}

const DB = 'anchor-academy-auth';
const STORE = 'rotation';
const KEY = 'last';

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** Resolves once the transaction has committed, which is what makes the write visible to other tabs. */
async function transact<T>(
  db: IDBDatabase,
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const tx = db.transaction(STORE, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error ?? new Error('IndexedDB transaction failed'));
  });
  const [result] = await Promise.all([request(work(tx.objectStore(STORE))), done]);
  return result;
}

/** IndexedDB where it opens; otherwise only this tab's memory (private modes of some browsers). */
export function indexedDbLedger(): RotationLedger {
  let opening: Promise<IDBDatabase> | undefined;
  const open = () => {
    opening ??= (() => {
      const req = indexedDB.open(DB, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      return request(req);
    })();
    return opening;
  };
  const fallback = memoryLedger();
  const withDb = async <T>(
    useDb: (db: IDBDatabase) => Promise<T>,
    useMemory: () => Promise<T>,
  ): Promise<T> => {
    let db: IDBDatabase;
    try {
      db = await open();
    } catch {
      return useMemory();
    }
    return useDb(db);
  };
  return {
    read: () =>
      withDb(
        (db) =>
          transact<Rotation | undefined>(
            db,
            'readonly',
            (s) => s.get(KEY) as IDBRequest<Rotation | undefined>,
          ),
        () => fallback.read(),
      ),
    write: (rotation) =>
      withDb(
        async (db) => void (await transact(db, 'readwrite', (s) => s.put(rotation, KEY))),
        () => fallback.write(rotation),
      ),
    clear: () =>
      withDb(
        async (db) => void (await transact(db, 'readwrite', (s) => s.delete(KEY))),
        () => fallback.clear(),
      ),
  };
}
