import { useId } from 'react';
import type { TwoLevelCoding } from '../../../shared/data/design';
import type { DatasetInfo } from '../../../shared/ipc/contract';
import { markHidden } from '../../../shared/report/unicode';
import { type ModelForm, twoLevelFeatures } from '../../lib/settingsForm';
import { Name } from '../common/Name';

interface Props {
  form: ModelForm;
  dataset: DatasetInfo;
  onCoding: (coding: TwoLevelCoding) => void;
}

/** Features shown by name in the note; the rest are counted. */
const NAMED = 3;

/**
 * How a two-level text feature becomes columns, stated for the features chosen: one 0/1
 * column (the default) or glmnet's column per level. Shown only when a chosen feature has
 * two levels, since the choice changes nothing otherwise.
 */
export function TwoLevelCodingField({ form, dataset, onCoding }: Props) {
  const id = useId();
  const features = twoLevelFeatures(form, dataset);
  if (features.length === 0) return null;
  const named = features.slice(0, NAMED);
  const more = features.length - named.length;
  return (
    <div className="field two-level-coding">
      <label htmlFor={`${id}-coding`}>Two-level text features</label>
      <select
        id={`${id}-coding`}
        value={form.twoLevelCoding}
        aria-describedby={`${id}-note`}
        onChange={(event) => onCoding(event.target.value as TwoLevelCoding)}
      >
        <option value="single">One 0/1 column each</option>
        <option value="one-hot">A column per level (one-hot)</option>
      </select>
      <p id={`${id}-note`} className="hint coding-note">
        {form.twoLevelCoding === 'single' ? (
          <>
            {named.map((f, k) => (
              <span key={f.name}>
                {k > 0 ? '; ' : ''}
                <Name text={f.name} /> is coded 1 for <Name text={f.levels[1]} />, 0 for{' '}
                <Name text={f.levels[0]} />
              </span>
            ))}
            {more > 0 ? `; and ${more} more` : ''}.
          </>
        ) : (
          <>
            {named.map((f, k) => (
              <span key={f.name}>
                {k > 0 ? '; ' : ''}
                <Name text={f.name} /> gets two columns, {markHidden(`${f.name}=${f.levels[0]}`)}{' '}
                and {markHidden(`${f.name}=${f.levels[1]}`)}
              </span>
            ))}
            {more > 0 ? `; and ${more} more` : ''}. Each pair is collinear, so the lasso may split
            the effect between them.
          </>
        )}
      </p>
    </div>
  );
}
