import { type BidKeyFile, BidKeyFileSchema } from '../../../schemas/bid-key-file';

const DB_NAME = 'ggzy-bid-keys';
const STORE = 'keys';

/** Opens the key database (one store keyed by the key commitment, indexed by tender). */
function openDatabase(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => {
      const store = request.result.createObjectStore(STORE, { keyPath: 'keyCommitment' });
      store.createIndex('tenderId', 'tenderId');
    };
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

/** Runs one request in a transaction and closes the database after it. */
async function runRequest<T>(
  mode: IDBTransactionMode,
  make: (store: IDBObjectStore) => IDBRequest<T>,
): Promise<T> {
  const db = await openDatabase();
  try {
    return await new Promise<T>((resolve, reject) => {
      const transaction = db.transaction(STORE, mode);
      const request = make(transaction.objectStore(STORE));
      transaction.oncomplete = () => resolve(request.result);
      transaction.onerror = () => reject(transaction.error ?? request.error);
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
  } finally {
    db.close();
  }
}

/**
 * Keeps a bid key file in this browser's IndexedDB (a second copy beside the downloaded file).
 *
 * Why keyed by the key commitment: it names one sealing exactly, so a retry overwrites its own record.
 */
export async function storeBidKey(file: BidKeyFile): Promise<void> {
  await runRequest('readwrite', (store) => store.put(BidKeyFileSchema.parse(file)));
}

/** The key files this browser keeps for a tender, newest first; records that no longer parse are skipped. */
export async function findBidKeys(tenderId: string): Promise<BidKeyFile[]> {
  const rows = await runRequest('readonly', (store) => store.index('tenderId').getAll(tenderId));
  return (rows as unknown[])
    .map((row) => BidKeyFileSchema.safeParse(row))
    .flatMap((parsed) => (parsed.success ? [parsed.data] : []))
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/** Records the bid id the server gave a sealing, once it is known; answers the updated file. */
export async function attachBidId(file: BidKeyFile, bidId: string): Promise<BidKeyFile> {
  const updated = { ...file, bidId };
  await storeBidKey(updated);
  return updated;
}

/** Offers a JSON value as a file download (Blob + a temporary `<a download>`). */
export function downloadJson(fileName: string, value: unknown): void {
  const blob = new Blob([`${JSON.stringify(value, null, 2)}\n`], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** The file name of a tender's key file, `投标密钥-<tenderId>.json`. */
export function bidKeyFileName(file: BidKeyFile): string {
  return `投标密钥-${file.tenderId}${file.bidId ? `-${file.bidId}` : ''}.json`;
}
