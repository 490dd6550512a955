import type { Ref } from 'react';

/**
 * A hidden file input for one data file (CSV or Parquet), opened by a visible button's click. The input is
 * cleared after each choice, so choosing the same file again still reports it. It is not a Tab
 * stop (tabIndex -1): the visible button is the control, and a hidden stop would be a blank one.
 */
export function CsvFileInput({
  ref,
  id,
  label,
  onFile,
}: {
  ref: Ref<HTMLInputElement>;
  id?: string;
  label: string;
  onFile: (file: File) => void;
}) {
  return (
    <input
      ref={ref}
      id={id}
      className="visually-hidden"
      tabIndex={-1}
      type="file"
      accept=".csv,.tsv,.txt,.parquet,.parq,.pq,text/csv,text/plain,application/vnd.apache.parquet"
      aria-label={label}
      onChange={(event) => {
        const file = event.target.files?.[0];
        if (file) onFile(file);
        event.target.value = '';
      }}
    />
  );
}
