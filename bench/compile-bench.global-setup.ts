/**
 * Compiles the bench once, before any of its smoke tests: each test file compiling it in its own
 * `beforeAll` let one file's tsc rewrite `dist/` while another file's bench run was importing it
 * (two test workers), which failed that run with a module that "does not provide an export".
 */
import { compileBench } from "./smoke-run.test-support.js";

export default function setup(): void {
  compileBench();
}
