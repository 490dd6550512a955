/** The web page's session id: kept across reloads of a tab, new in another tab, safe without storage. */
import { describe, expect, it } from 'vitest';
import { pageSessionId } from '../../../renderer/lib/pageSession';

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
  };
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('page session id', () => {
  it('is a UUID kept by the tab (a reload finds it) and differs between tabs', () => {
    const tab = memoryStorage();
    const first = pageSessionId(tab);
    expect(first).toMatch(uuid);
    expect(pageSessionId(tab)).toBe(first);
    expect(pageSessionId(memoryStorage())).not.toBe(first);
    const tampered = memoryStorage();
    tampered.setItem('shrinkage.session', '../not-an-id');
    expect(pageSessionId(tampered)).toMatch(uuid);
  });

  it('still gives an id when storage is missing or refuses', () => {
    const blocked = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('SecurityError');
      },
    };
    expect(pageSessionId(blocked)).toMatch(uuid);
    expect(pageSessionId(undefined)).toMatch(uuid);
  });
});
