/**
 * Imports the modules named on the command line, in order, in this fresh process, and prints
 * how long that took in ms (performance.now() around the dynamic imports; Node's own start-up
 * is not included).
 */
const started = performance.now();
for (const specifier of process.argv.slice(2)) await import(specifier);
process.stdout.write(`${performance.now() - started}\n`);
