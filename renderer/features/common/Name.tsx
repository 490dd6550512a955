import { hasHiddenCharacters, markHidden } from '../../../shared/report/unicode';

export const HIDDEN_NAME_TITLE =
  'This name holds invisible or direction-changing characters, shown as ⟨U+…⟩.';

/**
 * A user's name (a column, a level, a file) as shown: isolated in <bdi>, so it cannot reorder
 * the text around it, with hidden characters (bidi controls, zero-width, line breaks) marked as
 * ⟨U+XXXX⟩. Only the display changes: the name as data stays exactly as read.
 */
export function Name({ text }: { text: string }) {
  if (!hasHiddenCharacters(text)) return <bdi>{text}</bdi>;
  return (
    <bdi className="name-marked" title={HIDDEN_NAME_TITLE}>
      {markHidden(text)}
    </bdi>
  );
}
