/**
 * The family descriptors (registered in ./registry.ts) and what follows from them: the family
 * names, every measure and test metric. Everything outside the solver that depends on the
 * family (settings, test scores, report, reproduce code, CLI, app) reads it from here.
 */
import { FAMILIES } from '../../solver/families';
import type { CvMeasure, FamilyName } from '../../solver/family';
import type { FamilyDescriptor, TestMetricKey } from './descriptor';
import { DESCRIPTORS } from './registry';

export type {
  FamilyDescriptor,
  MeasureChoice,
  TestMetric,
  TestMetricKey,
  TestMetricValues,
} from './descriptor';

export { DESCRIPTORS };

/** The family of settings and results that do not name one (saved before families existed). */
export const DEFAULT_FAMILY: FamilyName = 'gaussian';

/** The registered family names, the default first. */
export const FAMILY_NAMES = [
  DEFAULT_FAMILY,
  ...(Object.keys(DESCRIPTORS) as FamilyName[]).filter((name) => name !== DEFAULT_FAMILY),
] as [FamilyName, ...FamilyName[]];

/** Every CV measure some family offers, each once, in registration order. */
export const ALL_MEASURES = [
  ...new Set(FAMILY_NAMES.flatMap((name) => DESCRIPTORS[name].measures.map((m) => m.id))),
] as [CvMeasure, ...CvMeasure[]];

/** Every test metric some family computes, each once. */
export const ALL_TEST_METRICS = [
  ...new Set(FAMILY_NAMES.flatMap((name) => DESCRIPTORS[name].testMetrics.map((m) => m.key))),
] as TestMetricKey[];

/** The descriptor of a family, or of gaussian for settings and results saved without one. */
export function describeFamily(name: FamilyName | undefined): FamilyDescriptor {
  return DESCRIPTORS[name ?? DEFAULT_FAMILY];
}

/** Whether a name is a registered family (for input from outside: files, flags). */
export function isFamilyName(name: unknown): name is FamilyName {
  return typeof name === 'string' && Object.hasOwn(DESCRIPTORS, name);
}

/** A family's default CV measure. */
export function defaultMeasure(name: FamilyName | undefined): CvMeasure {
  return describeFamily(name).measures[0].id;
}

// Each descriptor names the solver family it describes, and every solver family has one.
for (const name of Object.keys(FAMILIES) as FamilyName[]) {
  if (DESCRIPTORS[name]?.solver !== FAMILIES[name])
    throw new Error(`The family '${name}' has no descriptor in shared/analysis/families.`);
}
