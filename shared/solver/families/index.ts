/**
 * The family registry: one line per family. A new family is its own file in this folder
 * (implementing family.ts) plus its line here.
 */
import type { Family, FamilyName } from '../family';
import { binomial } from './binomial';
import { gaussian } from './gaussian';
import { poisson } from './poisson';

export const FAMILIES: Readonly<Record<FamilyName, Family>> = Object.freeze({
  gaussian,
  binomial,
  poisson,
});

export function familyByName(name: FamilyName): Family {
  return FAMILIES[name];
}
