import { CallParamsError, type ToolSpec } from "@promptstream/core";

/** The keywords OpenAI's strict mode accepts, and where each is documented to apply. */
const SUPPORTED_KEYWORDS: ReadonlySet<string> = new Set([
  // any schema
  "type",
  "description",
  "title",
  "enum",
  "const",
  "anyOf",
  "$ref",
  "$defs",
  "definitions",
  // objects
  "properties",
  "required",
  "additionalProperties",
  // arrays
  "items",
  "minItems",
  "maxItems",
  // strings
  "pattern",
  "format",
  // numbers
  "multipleOf",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
]);

const SUPPORTED_FORMATS: ReadonlySet<string> = new Set([
  "date-time",
  "time",
  "date",
  "duration",
  "email",
  "hostname",
  "ipv4",
  "ipv6",
  "uuid",
]);

const SUPPORTED_TYPES: ReadonlySet<string> = new Set([
  "string",
  "number",
  "integer",
  "boolean",
  "object",
  "array",
  "null",
]);

/** What to do instead of a keyword strict mode refuses, for the keywords validators often emit. */
const ADVICE: Readonly<Record<string, string>> = {
  default:
    "strict mode has no defaults: make the field required (nullable if it may be left out) and apply the default in code",
  minLength: "check the length in code, or use a `pattern`",
  maxLength: "check the length in code, or use a `pattern`",
  oneOf: "use `anyOf`",
  allOf: "merge the schemas into one object",
  prefixItems: "use an object with named fields instead of a tuple",
};

/**
 * Checks a strict tool's JSON Schema against OpenAI's strict-mode rules before it is sent, so that
 * the call fails here with what to change, not with a 400 from OpenAI: every object sets
 * `additionalProperties: false` and lists every property in `required`, and only the keywords
 * strict mode supports are used. The schema is never rewritten.
 *
 * @see https://platform.openai.com/docs/guides/structured-outputs#supported-schemas
 * @throws CallParamsError (`invalid_param`, param `tools`) naming the tool, where, and each rule broken.
 */
export function checkOpenAIStrictSchema(tool: ToolSpec): void {
  const problems = strictSchemaProblems(tool.parameters);
  if (problems.length === 0) return;
  throw new CallParamsError(
    `Tool "${tool.name}" is \`strict\`, and its parameters break OpenAI's strict-mode rules:\n` +
      `${problems.map((problem) => `- ${problem}`).join("\n")}\n` +
      "Change the schema (with zod: z.strictObject for objects, .nullable() rather than .optional() or " +
      ".default()), or leave `strict` out.",
    { code: "invalid_param", param: "tools", provider: "openai" },
  );
}

/**
 * Checks a prompt's `output` schema against OpenAI's strict-mode rules before it is sent in
 * `json_schema` mode (both OpenAI APIs send it strict).
 *
 * @throws CallParamsError (`invalid_param`, param `output`) listing each rule broken, and the way out.
 */
export function checkOpenAIStrictOutputSchema(schema: Readonly<Record<string, unknown>>): void {
  const problems = strictSchemaProblems(schema);
  if (problems.length === 0) return;
  throw new CallParamsError(
    `The prompt's \`output\` schema breaks OpenAI's strict-mode rules:\n${problems.map((problem) => `- ${problem}`).join("\n")}\n` +
      'Change the schema, or ask for it in "json" mode (`outputMode: "json"`), which puts it in the instructions.',
    { code: "invalid_param", param: "output", provider: "openai" },
  );
}

/**
 * What in a JSON Schema breaks OpenAI's strict-mode rules (see {@link checkOpenAIStrictSchema}),
 * one line each; empty when nothing does.
 */
function strictSchemaProblems(root: Readonly<Record<string, unknown>>): string[] {
  const problems: string[] = [];
  if (root.anyOf !== undefined) problems.push("at the root: the root may not be an `anyOf`: make it one object");
  checkSchema(root, "#", problems);
  return problems;
}

function checkSchema(schema: unknown, path: string, problems: string[]): void {
  if (typeof schema !== "object" || schema === null || Array.isArray(schema)) {
    problems.push(`at ${path}: a schema must be a JSON object; got ${JSON.stringify(schema)}`);
    return;
  }
  const node = schema as Readonly<Record<string, unknown>>;
  for (const keyword of Object.keys(node)) {
    if (SUPPORTED_KEYWORDS.has(keyword)) continue;
    const advice = ADVICE[keyword];
    problems.push(`at ${path}: "${keyword}" is not supported${advice === undefined ? ": remove it" : `: ${advice}`}`);
  }
  checkTypeAndFormat(node, path, problems);
  if (isObjectSchema(node)) checkObject(node, path, problems);
  if (node.items !== undefined) checkSchema(node.items, `${path}/items`, problems);
  if (node.anyOf !== undefined) {
    if (Array.isArray(node.anyOf)) {
      node.anyOf.forEach((item, i) => {
        checkSchema(item, `${path}/anyOf/${i}`, problems);
      });
    } else problems.push(`at ${path}: "anyOf" must be a list of schemas`);
  }
  for (const keyword of ["$defs", "definitions"] as const) {
    const defs = node[keyword];
    if (typeof defs !== "object" || defs === null) continue;
    for (const [name, def] of Object.entries(defs)) checkSchema(def, `${path}/${keyword}/${name}`, problems);
  }
}

function checkTypeAndFormat(node: Readonly<Record<string, unknown>>, path: string, problems: string[]): void {
  const types = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  for (const type of types) {
    if (typeof type !== "string" || !SUPPORTED_TYPES.has(type)) {
      problems.push(`at ${path}: the type ${JSON.stringify(type)} is not supported`);
    }
  }
  if (node.format !== undefined && (typeof node.format !== "string" || !SUPPORTED_FORMATS.has(node.format))) {
    problems.push(
      `at ${path}: the format ${JSON.stringify(node.format)} is not supported (supported: ${[...SUPPORTED_FORMATS].join(", ")}): remove it, or use a \`pattern\``,
    );
  }
}

function isObjectSchema(node: Readonly<Record<string, unknown>>): boolean {
  const { type } = node;
  return type === "object" || (Array.isArray(type) && type.includes("object")) || node.properties !== undefined;
}

function checkObject(node: Readonly<Record<string, unknown>>, path: string, problems: string[]): void {
  if (node.additionalProperties !== false) {
    problems.push(`at ${path}: an object must set "additionalProperties": false`);
  }
  const properties = node.properties;
  if (properties === undefined) return;
  if (typeof properties !== "object" || properties === null || Array.isArray(properties)) {
    problems.push(`at ${path}: "properties" must be an object`);
    return;
  }
  const required = new Set(Array.isArray(node.required) ? node.required : []);
  const missing = Object.keys(properties).filter((name) => !required.has(name));
  if (missing.length > 0) {
    const names = missing.map((name) => `"${name}"`).join(", ");
    problems.push(
      `at ${path}: every property must be listed in "required"; add ${names} (a field that may be left out must be required and nullable instead)`,
    );
  }
  for (const [name, property] of Object.entries(properties)) {
    checkSchema(property, `${path}/properties/${name}`, problems);
  }
}
