/**
 * How much memory an in-memory fit may take before a file is streamed (gaussian) or refused
 * (other families): the one budget the CLI uses, and the app will (issue 18, item 4).
 *
 * The default is half of what this process may use: the machine's physical memory, or the
 * container's (cgroup) limit when that is smaller (process.constrainedMemory). Half, because
 * the estimate (streamingFit.ts estimatedMemoryBytes) counts the fit's arrays only: the worker
 * threads, the JavaScript heap, the operating system's file cache and the analyst's other
 * programs need the rest, and a fit that starts the machine swapping is slower than streaming.
 * SHRINKAGE_MEMORY_LIMIT (a size such as 4GB) overrides the default; --memory-limit overrides
 * both.
 */
import { totalmem } from 'node:os';
import { DataError } from '../../shared/data/errors';
import { parseMemorySize } from './streamingFit';

/** Where the budget came from, for the message that says which mode ran and why. */
export type MemoryLimitSource = 'flag' | 'environment' | 'machine';

export interface MemoryBudget {
  bytes: number;
  source: MemoryLimitSource;
}

/** The share of usable memory an in-memory fit may take by default. */
export const DEFAULT_MEMORY_SHARE = 0.5;

export const MEMORY_LIMIT_VARIABLE = 'SHRINKAGE_MEMORY_LIMIT';

/** Physical memory, or the container's limit when smaller (0/undefined means no limit). */
export function usableMemoryBytes(
  total: number = totalmem(),
  constrained: number | undefined = process.constrainedMemory?.(),
): number {
  return constrained !== undefined && constrained > 0 ? Math.min(total, constrained) : total;
}

/**
 * The budget: the explicit limit (--memory-limit) if given, else SHRINKAGE_MEMORY_LIMIT, else
 * half of the usable memory. An unreadable environment value is an error, not ignored: a test
 * or a wrapper script that sets it means it.
 */
export function memoryBudget(
  explicit: number | undefined,
  env: NodeJS.ProcessEnv = process.env,
  usable: number = usableMemoryBytes(),
): MemoryBudget {
  if (explicit !== undefined) return { bytes: explicit, source: 'flag' };
  const text = env[MEMORY_LIMIT_VARIABLE];
  if (text !== undefined && text.trim() !== '') {
    const bytes = parseMemorySize(text);
    if (bytes === undefined)
      throw new DataError(
        `${MEMORY_LIMIT_VARIABLE} takes a size such as 4GB, 512MB or 1KB; got '${text}'.`,
        {},
        `Set ${MEMORY_LIMIT_VARIABLE} to a size, or unset it for the default (half of memory).`,
      );
    return { bytes, source: 'environment' };
  }
  return { bytes: Math.floor(usable * DEFAULT_MEMORY_SHARE), source: 'machine' };
}

/** "--memory-limit 4 GB", "SHRINKAGE_MEMORY_LIMIT 4 GB", "the default limit 4 GB (half of memory)". */
export function describeBudget(budget: MemoryBudget): string {
  const size = formatBytes(budget.bytes);
  if (budget.source === 'flag') return `--memory-limit ${size}`;
  if (budget.source === 'environment') return `${MEMORY_LIMIT_VARIABLE} ${size}`;
  return `the default limit ${size} (half of this machine's memory)`;
}

/** 1536 → "1.5 KB" (powers of 1024, three significant digits). */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number(value.toPrecision(3))} ${units[unit]}`;
}
