/**
 * Where progress lives: the browser's localStorage, under the site's key. When the browser refuses
 * storage (site data turned off, a full disk), progress is kept in memory for the page and the reader
 * is told, instead of the page failing.
 */

/** The key a damaged value is copied to before it is replaced, so support can still recover it. */
export const backupKeyOf = (key: string) => `${key}:backup`;

/** A place to keep one string. */
export interface Slot {
  read(): string | null;
  /** False when the browser refused to store it. */
  write(value: string): boolean;
  /** Keeps a copy of a value about to be replaced. */
  backup(value: string): void;
  /** False when nothing will outlive the page. */
  persistent: boolean;
}

/** The slot for `key` in localStorage, or an in-memory one when localStorage is unavailable. */
export function openSlot(key: string): Slot {
  let memory: string | null = null;
  let store: Storage | undefined;
  try {
    store = window.localStorage;
    // Reading can succeed where writing fails (Safari's old private mode): probe both.
    const probe = `${key}:probe`;
    store.setItem(probe, '1');
    store.removeItem(probe);
  } catch {
    store = undefined;
  }
  return {
    persistent: store !== undefined,
    read: () => {
      try {
        return store ? store.getItem(key) : memory;
      } catch {
        return memory;
      }
    },
    write: (value) => {
      memory = value;
      try {
        store?.setItem(key, value);
        return store !== undefined;
      } catch {
        return false;
      }
    },
    backup: (value) => {
      try {
        store?.setItem(backupKeyOf(key), value);
      } catch {
        // Nothing more to do: the notice has told the reader.
      }
    },
  };
}
