/**
 * The default memory budget (electron/services/memoryBudget.ts): --memory-limit, then
 * SHRINKAGE_MEMORY_LIMIT, then half of the usable memory (physical, or the container's limit
 * when smaller).
 */
import { describe, expect, it } from 'vitest';
import {
  describeBudget,
  formatBytes,
  memoryBudget,
  usableMemoryBytes,
} from '../../../electron/services/memoryBudget';

const GB = 1024 ** 3;

describe('memoryBudget', () => {
  it('an explicit limit wins over the environment and the machine', () => {
    expect(memoryBudget(1000, { SHRINKAGE_MEMORY_LIMIT: '1KB' }, 8 * GB)).toEqual({
      bytes: 1000,
      source: 'flag',
    });
  });

  it('SHRINKAGE_MEMORY_LIMIT wins over the machine; a bad value is an error, blank is unset', () => {
    expect(memoryBudget(undefined, { SHRINKAGE_MEMORY_LIMIT: '512 MB' }, 8 * GB)).toEqual({
      bytes: 512 * 1024 ** 2,
      source: 'environment',
    });
    expect(() => memoryBudget(undefined, { SHRINKAGE_MEMORY_LIMIT: 'lots' }, 8 * GB)).toThrow(
      /SHRINKAGE_MEMORY_LIMIT takes a size such as 4GB.*got 'lots'/,
    );
    expect(memoryBudget(undefined, { SHRINKAGE_MEMORY_LIMIT: ' ' }, 8 * GB).source).toBe('machine');
  });

  it('by default half of the usable memory', () => {
    expect(memoryBudget(undefined, {}, 8 * GB)).toEqual({ bytes: 4 * GB, source: 'machine' });
    expect(memoryBudget(undefined, {}, 3).bytes).toBe(1);
  });

  it('usable memory: the container limit when smaller than physical memory', () => {
    expect(usableMemoryBytes(16 * GB, 2 * GB)).toBe(2 * GB);
    expect(usableMemoryBytes(16 * GB, 64 * GB)).toBe(16 * GB);
    expect(usableMemoryBytes(16 * GB, 0)).toBe(16 * GB);
    expect(usableMemoryBytes(16 * GB, undefined)).toBe(16 * GB);
  });

  it('says where the budget came from', () => {
    expect(describeBudget({ bytes: 4 * GB, source: 'flag' })).toBe('--memory-limit 4 GB');
    expect(describeBudget({ bytes: 1536, source: 'environment' })).toBe(
      'SHRINKAGE_MEMORY_LIMIT 1.5 KB',
    );
    expect(describeBudget({ bytes: 3 * 1024 ** 2, source: 'machine' })).toBe(
      "the default limit 3 MB (half of this machine's memory)",
    );
    expect(formatBytes(999)).toBe('999 B');
  });
});
