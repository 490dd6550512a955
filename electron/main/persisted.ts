/** Small JSON files in the user's data folder: recent files and the window's position. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../services/files';

export const MAX_RECENT = 10;

export function readJson<T>(path: string, fallback: T, valid: (value: unknown) => value is T): T {
  try {
    const value: unknown = JSON.parse(readFileSync(path, 'utf8'));
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export function addRecent(recent: readonly string[], path: string): string[] {
  return [path, ...recent.filter((p) => p !== path)].slice(0, MAX_RECENT);
}

export interface WindowBounds {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

const isBounds = (value: unknown): value is WindowBounds =>
  typeof value === 'object' &&
  value !== null &&
  ['x', 'y', 'width', 'height'].every((k) =>
    Number.isFinite((value as Record<string, unknown>)[k]),
  ) &&
  typeof (value as WindowBounds).maximized === 'boolean';

const isPathList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((p) => typeof p === 'string');

export function persistence(folder: string) {
  const recentFile = join(folder, 'recent.json');
  const windowFile = join(folder, 'window.json');
  return {
    recent: () => readJson(recentFile, [] as string[], isPathList).slice(0, MAX_RECENT),
    saveRecent: (recent: string[]) => writeFileAtomic(recentFile, JSON.stringify(recent)),
    bounds: () =>
      readJson<WindowBounds | undefined>(
        windowFile,
        undefined,
        isBounds as (v: unknown) => v is WindowBounds | undefined,
      ),
    saveBounds: (bounds: WindowBounds) => writeFileAtomic(windowFile, JSON.stringify(bounds)),
  };
}
