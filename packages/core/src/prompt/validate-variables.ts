import { PromptTemplateError } from "../errors/prompt-template-error.js";
import type { ParsedTemplate } from "./parse-template.js";
import type { StandardSchemaV1 } from "./standard-schema.js";

/**
 * Validates a prompt's variables against its schema (when it has one) and checks that every
 * placeholder of the template has a value. Returns the values to render: the schema's output,
 * so transforms and defaults apply.
 */
export function validateVariables(
  input: unknown,
  template: ParsedTemplate,
  schema: StandardSchemaV1 | undefined,
  promptName: string,
): Readonly<Record<string, unknown>> {
  const given = input ?? {};
  if (typeof given !== "object" || Array.isArray(given)) {
    throw new PromptTemplateError(
      `${promptName}: variables must be an object such as { ${template.variables[0] ?? "name"}: ... }; got ${Array.isArray(given) ? "an array" : typeof given}.`,
      { code: "invalid_variable", promptName },
    );
  }
  const values = schema === undefined ? given : runSchema(schema, given, promptName);
  for (const name of template.variables) {
    if (ownValue(values, name) !== undefined) continue;
    const declaredButDropped = schema !== undefined && ownValue(given, name) !== undefined;
    throw declaredButDropped
      ? new PromptTemplateError(
          `${promptName}: the template uses {${name}} but the variables schema does not declare "${name}". Add it to the schema.`,
          { code: "undeclared_variable", promptName, variable: name },
        )
      : new PromptTemplateError(
          `${promptName}: missing variable "${name}", used as {${name}} in the template. Pass it to the constructor: new ${promptName}({ ${name}: ... }).`,
          { code: "missing_variable", promptName, variable: name },
        );
  }
  return values as Readonly<Record<string, unknown>>;
}

function runSchema(schema: StandardSchemaV1, input: object, promptName: string): object {
  const result = schema["~standard"].validate(input);
  if (result instanceof Promise) {
    throw new PromptTemplateError(
      `${promptName}: the variables schema is asynchronous; prompts validate when constructed, so use a synchronous schema.`,
      { code: "async_schema", promptName },
    );
  }
  if (result.issues !== undefined) {
    const first = result.issues[0];
    // The variable is the path's first key: an issue at ["ingredients", 1] is about "ingredients".
    const variable = first === undefined ? undefined : topLevelKeyOf(first);
    const details = result.issues.map((issue) => `${pathOf(issue) ?? "(root)"}: ${issue.message}`).join("; ");
    // A schema reports an absent key as a type mismatch; name it for what it is.
    const missing = variable !== undefined && ownValue(input, variable) === undefined;
    throw new PromptTemplateError(
      missing
        ? `${promptName}: missing variable "${variable}". Pass it to the constructor: new ${promptName}({ ${variable}: ... }). (${details})`
        : `${promptName}: invalid variables: ${details}.`,
      { code: missing ? "missing_variable" : "invalid_variable", promptName, variable },
    );
  }
  const value: unknown = result.value;
  if (typeof value !== "object" || value === null) {
    throw new PromptTemplateError(`${promptName}: the variables schema must produce an object.`, {
      code: "invalid_variable",
      promptName,
    });
  }
  return value;
}

function pathOf(issue: StandardSchemaV1.Issue): string | undefined {
  if (issue.path === undefined || issue.path.length === 0) return undefined;
  return issue.path.map(keyOf).join(".");
}

function topLevelKeyOf(issue: StandardSchemaV1.Issue): string | undefined {
  const first = issue.path?.[0];
  return first === undefined ? undefined : keyOf(first);
}

function keyOf(segment: PropertyKey | StandardSchemaV1.PathSegment): string {
  return String(typeof segment === "object" && segment !== null ? segment.key : segment);
}

/** A property of the object itself: `{}` has no variable named `toString`. */
function ownValue(object: object, name: string): unknown {
  return Object.hasOwn(object, name) ? (object as Record<string, unknown>)[name] : undefined;
}
