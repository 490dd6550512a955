/**
 * The family descriptors: one line per family, under the same names as the solver's registry
 * (shared/solver/families/index.ts). ./index.ts derives everything else from this list.
 */
import type { FamilyName } from '../../solver/family';
import type { FamilyDescriptor } from './descriptor';
import { gaussian } from './gaussian';

export const DESCRIPTORS: Readonly<Record<FamilyName, FamilyDescriptor>> = Object.freeze({
  gaussian,
});
