import { type ReactNode, useEffect, useId, useRef, useState } from 'react';

/**
 * A small "?" that opens a short explanation of a term. A button, so Tab reaches it and
 * Enter or Space opens it; Escape (or clicking it again) closes it and keeps focus on it.
 * While open, the button is described by the text, so screen readers read it out.
 */
export function Help({ term, children }: { term: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [open]);
  return (
    <span className="help">
      <button
        ref={button}
        type="button"
        className="help-button"
        aria-label={`What is ${term}?`}
        aria-expanded={open}
        aria-describedby={open ? id : undefined}
        onClick={() => setOpen(!open)}
        onBlur={() => setOpen(false)}
      >
        ?
      </button>
      {open && (
        <span role="tooltip" id={id} className="help-popover">
          {children}
        </span>
      )}
    </span>
  );
}
