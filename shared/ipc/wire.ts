/**
 * JSON for the HTTP transport, with binary: a Uint8Array travels as {"$bytes": base64}.
 * (Electron's IPC clones Uint8Array natively and does not need this.)
 */
const CHUNK = 0x8000;

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK)
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export function encodeWire(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item instanceof Uint8Array ? { $bytes: toBase64(item) } : item,
  );
}

export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item);
      const bytes = (item as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof bytes === 'string') {
        try {
          return fromBase64(bytes);
        } catch {
          return item;
        }
      }
    }
    return item;
  });
}
