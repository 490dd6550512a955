/**
 * The one-click fix an error carries (a reading option, or the level limit), checked against
 * its schema: the engine sends it as data, and anything that is not a valid remedy is dropped.
 */
import { type Remedy, remedySchema } from '../../shared/data/readOptions';

export function remedyOf(error: unknown): Remedy | undefined {
  const candidate = (error as { remedy?: unknown } | null)?.remedy;
  if (candidate === undefined) return undefined;
  const parsed = remedySchema.safeParse(candidate);
  return parsed.success ? parsed.data : undefined;
}

/**
 * The fix a note about the file's numbers offers, by its code: the decimal mark that reads
 * those cells as numbers (or, for 1.037 read as 1037, as the decimal it may be).
 */
export function warningRemedy(code: string): Remedy | undefined {
  if (code === 'comma-numbers-as-text') return { code: 'set-decimal', decimal: ',' };
  if (code === 'point-numbers-as-text' || code === 'ambiguous-decimal-point')
    return { code: 'set-decimal', decimal: '.' };
  return undefined;
}
