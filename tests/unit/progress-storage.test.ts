import { afterEach, describe, expect, it } from 'vitest';
import { backupKeyOf, openSlot } from '../../src/client/storage.ts';

/** A localStorage stand-in; `full` makes every write fail as a full disk does. */
function fakeStorage(full = false) {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (full) throw new DOMException('full', 'QuotaExceededError');
      data.set(k, v);
    },
    removeItem: (k: string) => void data.delete(k),
  };
}
const g = globalThis as { window?: unknown };
afterEach(() => {
  delete g.window;
});

describe('where progress is kept', () => {
  it('in localStorage, with a backup key beside it', () => {
    const storage = fakeStorage();
    g.window = { localStorage: storage };
    const slot = openSlot('grove.progress:x');
    expect(slot.persistent).toBe(true);
    expect(slot.read()).toBeNull();
    expect(slot.write('{"v":1}')).toBe(true);
    slot.backup('{broken');
    expect(slot.read()).toBe('{"v":1}');
    expect([...storage.data.keys()].sort()).toEqual(['grove.progress:x', backupKeyOf('grove.progress:x')]); // the probe is gone
  });

  it('in memory for the page when the browser refuses storage (site data off, old private modes)', () => {
    g.window = {
      get localStorage(): never {
        throw new DOMException('denied', 'SecurityError');
      },
    };
    const slot = openSlot('k');
    expect(slot.persistent).toBe(false);
    expect(slot.write('a')).toBe(false);
    expect(slot.read()).toBe('a');
  });

  it('a write that fails (a full disk) says so and keeps the value for the page', () => {
    g.window = { localStorage: fakeStorage(true) };
    const slot = openSlot('k');
    expect(slot.persistent).toBe(false); // the probe write failed too
    expect(slot.write('a')).toBe(false);
    expect(slot.read()).toBe('a');
  });
});
