/**
 * The CLI's entry point (`npm run cli`), in plain JavaScript so that it runs before the
 * TypeScript loader and the command's modules load, which takes most of a second: a Ctrl-C in
 * that time used to end the process by the signal, silently. The first SIGINT or SIGTERM is
 * noted here and handed to runCli, which cancels at once and says so in its `cancelled:` line.
 * (A signal during Node's own start-up, before this line runs, still ends it as the signal.)
 */
let early;
const note = (name) => {
  early ??= name;
};
process.on('SIGINT', note);
process.on('SIGTERM', note);

const { register } = await import('tsx/esm/api');
register();
const { runAsCommand } = await import('./main.ts');
// runCli takes over the signals before its first await, so none falls between the two.
runAsCommand(process.argv.slice(2), early);
process.off('SIGINT', note);
process.off('SIGTERM', note);
