import { markHidden } from './unicode';

/**
 * Text into HTML or SVG: every user-provided string (column names, levels, file names) goes
 * through here. Hidden characters (bidi overrides, zero-width spaces, line breaks, …) are shown
 * as ⟨U+XXXX⟩, so a name can neither hide part of itself nor reorder the text around it.
 */
export function escapeHtml(text: string): string {
  return escapeMarkup(markHidden(text));
}

/** Text Shrinkage wrote itself whose line breaks are layout (the code blocks): escaped only. */
export function escapeMarkup(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
