/**
 * Dates as people read them ("27 November 2026, 10:00 UTC"), never ISO stamps. In UTC, so a
 * report reads the same wherever it is opened and its tests do not depend on the machine.
 */
const FORMAT = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});

export function formatDateTime(date: Date): string {
  return `${FORMAT.format(date)} UTC`;
}
