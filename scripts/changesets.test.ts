import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import parseChangeset from "@changesets/parse";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");
const changesetDir = join(root, ".changeset");

/** The published packages: what a changeset may bump. */
function publicPackageNames(): string[] {
  return readdirSync(join(root, "packages"))
    .map((folder) => JSON.parse(readFileSync(join(root, "packages", folder, "package.json"), "utf8")))
    .filter((pkg: { private?: boolean }) => pkg.private !== true)
    .map((pkg: { name: string }) => pkg.name);
}

const files = readdirSync(changesetDir).filter((file) => file.endsWith(".md") && file !== "README.md");

describe("pending changesets", () => {
  it.each(files)("%s names public packages, a bump for each, and a summary", (file) => {
    const { releases, summary } = parseChangeset(readFileSync(join(changesetDir, file), "utf8"));
    expect(releases.length).toBeGreaterThan(0);
    for (const release of releases) {
      expect(publicPackageNames()).toContain(release.name);
      expect(["patch", "minor", "major"]).toContain(release.type);
    }
    expect(summary.trim().length).toBeGreaterThan(20);
  });
});
