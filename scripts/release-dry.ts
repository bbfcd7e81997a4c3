/**
 * @module A release rehearsal that publishes nothing and leaves this checkout as it is: copies the
 * working tree (committed and uncommitted files, not ignored ones) to a temporary folder, applies the
 * pending changesets there (`changeset version`: versions and CHANGELOG.md), builds the public
 * packages, packs each into a tarball as npm would receive it, and runs publint and
 * @arethetypeswrong/cli on every tarball.
 *
 *   pnpm release:dry           rehearse, then delete the temporary folder
 *   pnpm release:dry --keep    keep it, to look at the tarballs and changelogs
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const keep = process.argv.includes("--keep");

interface PackageJson {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
}

/** pnpm as it runs this script (`pnpm release:dry`), or the pinned one through npx. */
function pnpm(args: readonly string[], cwd: string): string {
  const viaPnpm = process.env.npm_execpath?.includes("pnpm") === true;
  const [command, prefix] = viaPnpm
    ? [process.execPath, [process.env.npm_execpath ?? ""]]
    : ["npx", ["--yes", "pnpm@10.34.8"]];
  return execFileSync(command, [...prefix, ...args], { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] });
}

function step(title: string): void {
  console.log(`\n== ${title}`);
}

/** The working tree as git sees it: tracked and new files, without what .gitignore leaves out. */
function copyWorkingTree(to: string): void {
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], {
    cwd: root,
    encoding: "utf8",
  });
  for (const file of listed.split("\0")) {
    if (file === "" || !existsSync(join(root, file))) continue; // deleted but not yet committed
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(join(root, file), join(to, file));
  }
}

function publicPackages(repo: string): Array<{ dir: string; pkg: PackageJson }> {
  return readdirSync(join(repo, "packages"))
    .sort()
    .map((folder) => join(repo, "packages", folder))
    .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as PackageJson }))
    .filter(({ pkg }) => pkg.private !== true);
}

/** The newest section of a changelog: what this release would add to it. */
function newestSection(changelog: string): string {
  const sections = changelog.split(/^## /m);
  return sections.length > 1 ? `## ${sections[1]?.trim()}` : "(no entry)";
}

const work = mkdtempSync(join(tmpdir(), "promptstream-release-dry-"));
const tarballs = join(work, "tarballs");
let failures = 0;
try {
  step(`copy of the working tree in ${work}`);
  const repo = join(work, "repo");
  copyWorkingTree(repo);
  pnpm(["install", "--frozen-lockfile", "--prefer-offline", "--reporter=silent"], repo);

  step("changeset version (pending changesets applied to the copy)");
  const before = new Map(publicPackages(repo).map(({ pkg }) => [pkg.name, pkg.version]));
  process.stdout.write(pnpm(["exec", "changeset", "version"], repo));

  step("build the public packages");
  pnpm(["--recursive", "--filter", "./packages/*", "run", "build"], repo);

  mkdirSync(tarballs);
  for (const { dir, pkg } of publicPackages(repo)) {
    const from = before.get(pkg.name);
    step(`${pkg.name}: ${from === pkg.version ? `${pkg.version} (unchanged)` : `${from} -> ${pkg.version}`}`);
    const packed = pnpm(["pack", "--pack-destination", tarballs], dir).trim().split("\n").at(-1) ?? "";
    console.log(`tarball: ${packed.replace(`${tarballs}/`, "")}`);
    for (const [tool, args] of [
      ["publint", ["exec", "publint", "run", "--strict", packed]],
      ["attw", ["exec", "attw", packed, "--profile", "node16", "--format", "ascii"]],
    ] as const) {
      try {
        pnpm(args, repo);
        console.log(`${tool}: ok`);
      } catch (error) {
        failures += 1;
        const { stdout } = error as { stdout?: string };
        console.log(`${tool}: FAILED\n${stdout ?? String(error)}`);
      }
    }
    const changelog = join(dir, "CHANGELOG.md");
    if (existsSync(changelog)) console.log(`CHANGELOG.md:\n${newestSection(readFileSync(changelog, "utf8"))}`);
  }
} finally {
  if (keep) console.log(`\nkept: ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
if (failures > 0) {
  console.error(`\nrelease:dry: ${failures} check(s) failed on the tarballs`);
  process.exit(1);
}
console.log("\nrelease:dry: every tarball passes publint and attw; nothing was published");
