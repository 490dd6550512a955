/**
 * The family descriptors: one line per family, under the same names as the solver's registry
 * (shared/solver/families/index.ts). ./index.ts derives everything else from this list.
 */
import type { FamilyName } from '../../solver/family';
import { binomial } from './binomial';
import type { FamilyDescriptor } from './descriptor';
import { gaussian } from './gaussian';
import { poisson } from './poisson';

export const DESCRIPTORS: Readonly<Record<FamilyName, FamilyDescriptor>> = Object.freeze({
  gaussian,
  binomial,
  poisson,
});
