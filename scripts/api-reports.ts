/**
 * @module Keeps a report of each public package's exported API (`<package>.api.md`, made by
 * Microsoft API Extractor from the built `.d.ts`) beside the package, so that every change to the
 * public surface shows in review as a diff of that file.
 *
 *   tsx scripts/api-reports.ts          check: fails when a built API differs from its report
 *   tsx scripts/api-reports.ts --update write the reports anew (`pnpm api:update`)
 *   --packages-dir <dir>                the folder of packages to look at (default: packages/)
 *
 * Run after `pnpm build`. Besides the diff, a report fails the check when it holds `any`, or a type
 * that the package uses in its signatures without exporting it (API Extractor's
 * `ae-forgotten-export`): users could not name it, and it would change without showing here.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { Extractor, ExtractorConfig, ExtractorLogLevel, type ExtractorMessage } from "@microsoft/api-extractor";

const UPDATE_COMMAND = "npx pnpm@10.34.8 api:update";
const root = resolve(import.meta.dirname, "..");
const update = process.argv.includes("--update");
const packagesDirFlag = process.argv.indexOf("--packages-dir");
const packagesDir = resolve(
  packagesDirFlag === -1 ? join(root, "packages") : (process.argv[packagesDirFlag + 1] ?? ""),
);

interface EntryPoint {
  readonly packageName: string;
  readonly packageDir: string;
  readonly typesFile: string;
  readonly reportFileName: string;
}

interface PackageJson {
  readonly name: string;
  readonly private?: boolean;
  readonly exports?: Record<string, string | { readonly import?: { readonly types?: string } }>;
}

/** Every entry point (`exports` key) of every package that is published. */
function publicEntryPoints(): EntryPoint[] {
  const entries: EntryPoint[] = [];
  for (const folder of readdirSync(packagesDir).sort()) {
    const packageDir = join(packagesDir, folder);
    const pkg = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")) as PackageJson;
    if (pkg.private === true) continue;
    const unscoped = pkg.name.replace(/^@[^/]+\//, "");
    for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
      const types = typeof target === "object" ? target.import?.types : undefined;
      if (types === undefined) continue; // ./package.json
      const suffix = subpath === "." ? "" : `-${subpath.replace(/^\.\//, "").replaceAll("/", "-")}`;
      entries.push({
        packageName: subpath === "." ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, "")}`,
        packageDir,
        typesFile: join(packageDir, types),
        reportFileName: `${unscoped}${suffix}.api.md`,
      });
    }
  }
  return entries;
}

/** The lines of a report that use `any` as a type (outside string literals). */
function linesWithAny(report: string): string[] {
  return report
    .split("\n")
    .filter((line) => /(^|[^\w$.])any([^\w$]|$)/.test(line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, '""')));
}

function checkEntryPoint(entry: EntryPoint, tempFolder: string): string[] {
  const problems: string[] = [];
  let diff = "";
  const config = ExtractorConfig.prepare({
    configObjectFullPath: join(entry.packageDir, "api-extractor.json"), // not read: the config is given here
    packageJsonFullPath: join(entry.packageDir, "package.json"),
    configObject: {
      projectFolder: entry.packageDir,
      mainEntryPointFilePath: entry.typesFile,
      compiler: {
        overrideTsconfig: {
          compilerOptions: {
            target: "ES2022",
            lib: ["ES2022", "DOM", "DOM.Iterable"],
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            skipLibCheck: true,
          },
          files: [entry.typesFile],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: entry.reportFileName,
        reportFolder: entry.packageDir,
        reportTempFolder: tempFolder,
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        compilerMessageReporting: { default: { logLevel: ExtractorLogLevel.Error } },
        extractorMessageReporting: {
          default: { logLevel: ExtractorLogLevel.Warning },
          "ae-forgotten-export": { logLevel: ExtractorLogLevel.Error, addToApiReportFile: false },
          // Release tags (@public, @beta) are not used: what index.ts exports is public.
          "ae-missing-release-tag": { logLevel: ExtractorLogLevel.None },
          "ae-unresolved-link": { logLevel: ExtractorLogLevel.Error, addToApiReportFile: false },
          // Every export has a JSDoc sentence (a review habit); members of options objects need not.
          "ae-undocumented": { logLevel: ExtractorLogLevel.None },
        },
        // TSDoc syntax is not checked here (our comments use @module and plain prose).
        tsdocMessageReporting: { default: { logLevel: ExtractorLogLevel.None } },
      },
    },
  });
  const result = Extractor.invoke(config, {
    localBuild: update,
    printApiReportDiff: !update,
    messageCallback: (message: ExtractorMessage) => {
      if (message.logLevel === ExtractorLogLevel.Error) {
        problems.push(`${message.messageId}: ${message.text}`);
        message.handled = true;
      } else if (message.messageId === "console-api-report-diff") {
        diff = message.text;
        message.handled = true;
      } else if (message.messageId.startsWith("console-")) {
        // API Extractor's own notes (its TypeScript version, "report changed"): said below, in our words.
        message.handled = true;
      }
    },
  });
  const reportPath = join(entry.packageDir, entry.reportFileName);
  if (result.apiReportChanged && !update) {
    problems.push(
      `the built API differs from ${relative(root, reportPath)}. ` +
        `If the change is meant, run \`${UPDATE_COMMAND}\` and commit the report with it.\n${diff}`,
    );
  }
  const withAny = linesWithAny(readFileSync(update ? reportPath : join(tempFolder, entry.reportFileName), "utf8"));
  for (const line of withAny) problems.push(`\`any\` in the public API: ${line.trim()}`);
  if (!result.succeeded && problems.length === 0) problems.push(`API Extractor failed (${result.errorCount} errors)`);
  return problems;
}

const tempFolder = mkdtempSync(join(tmpdir(), "promptstream-api-"));
let failed = 0;
try {
  for (const entry of publicEntryPoints()) {
    const problems = checkEntryPoint(entry, tempFolder);
    if (problems.length === 0) {
      console.log(`${entry.packageName}: ${update ? "report written" : "API matches its report"}`);
      continue;
    }
    failed += 1;
    console.error(`\n${entry.packageName}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
  }
} finally {
  rmSync(tempFolder, { recursive: true, force: true });
}
if (failed > 0) {
  console.error(`\n${failed} API report(s) out of date or unsound. Update with: ${UPDATE_COMMAND}`);
  process.exit(1);
}
