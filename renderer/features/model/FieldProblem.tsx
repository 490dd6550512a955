/** What is wrong with one field, in the schema's words, under the field (announced politely). */
export function FieldProblem({
  id,
  problem,
  className,
}: {
  id: string;
  problem: string | undefined;
  className?: string;
}) {
  return (
    <p id={id} className={`field-problem${className ? ` ${className}` : ''}`} aria-live="polite">
      {problem ?? ''}
    </p>
  );
}
