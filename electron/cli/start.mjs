/**
 * The CLI's entry point (`npm run cli`), in plain JavaScript so that it runs before the
 * command's modules load: a Ctrl-C in that time used to end the process by the signal,
 * silently. The first SIGINT or SIGTERM is noted here and handed to runCli, which cancels at
 * once and says so in its `cancelled:` line. (A signal during Node's own start-up, before this
 * line runs, still ends it as the signal.)
 *
 * The command runs from the bundle of bundle.mjs (built from the sources, rebuilt when they
 * change); without esbuild, from the TypeScript sources through tsx.
 */
let early;
const note = (name) => {
  early ??= name;
};
process.on('SIGINT', note);
process.on('SIGTERM', note);

const { cliEntry } = await import('./bundle.mjs');
const entry = await cliEntry();
let command;
if (entry) command = await import(entry);
else {
  const { register } = await import('tsx/esm/api');
  register();
  command = await import('./main.ts');
}
// runCli takes over the signals before its first await, so none falls between the two.
command.runAsCommand(process.argv.slice(2), early);
process.off('SIGINT', note);
process.off('SIGTERM', note);
