/**
 * The web page's session id: kept across reloads of a tab, new in another tab (a duplicated one
 * included), safe without storage.
 */
import { describe, expect, it } from 'vitest';
import { claimPageSession, pageSessionId } from '../../../renderer/lib/pageSession';

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

describe('claiming the session id among open tabs', () => {
  it('a duplicated tab (a copy of the storage) gets its own id; a reload keeps its own', async () => {
    const channels: InstanceType<typeof BroadcastChannel>[] = [];
    const tab = () => {
      const channel = new BroadcastChannel('shrinkage.sessions.test');
      channels.push(channel);
      return channel;
    };
    try {
      const storage = memoryStorage();
      const original = tab();
      const id = await claimPageSession(storage, original as never, 50);
      // Duplicate tab: sessionStorage is copied, the original still holds the id and says so.
      const copy = memoryStorage();
      copy.setItem('shrinkage.session', id);
      const duplicate = await claimPageSession(copy, tab() as never, 2000);
      expect(duplicate).toMatch(uuid);
      expect(duplicate).not.toBe(id);
      expect(copy.getItem('shrinkage.session')).toBe(duplicate);
      // Reload of the original: its old page has gone (its channel closed), nobody answers.
      original.close();
      expect(await claimPageSession(storage, tab() as never, 50)).toBe(id);
    } finally {
      for (const channel of channels) channel.close();
    }
  });
});
