/**
 * @module The strict form of an output schema, for providers that constrain the answer to it
 * (OpenAI's strict mode requires it; Anthropic accepts it): every object lists all its properties
 * in `required` and sets `additionalProperties: false`. An optional property becomes required and
 * nullable; {@link StrictSchema.restore} turns the `null` the model then writes back into an
 * absent field, so that the user's validator sees what it expects.
 */

type Schema = Readonly<Record<string, unknown>>;

/** Where optional properties were made nullable, to map their `null`s back. */
interface Restorer {
  /** Properties that were optional (and not nullable): `null` means absent. */
  readonly optional: ReadonlySet<string>;
  readonly properties: ReadonlyMap<string, Restorer>;
  readonly items: Restorer | undefined;
  /** A `$ref` to a definition, restored as the definition is. */
  readonly ref: string | undefined;
}

/** An output schema in strict form, and how to map the model's answer back. */
export interface StrictSchema {
  readonly schema: Schema;
  /**
   * The value with the `null`s of optional fields removed; values that need no change are returned
   * as they are, and each object is restored once (a cache by identity), so that snapshots stay
   * structurally shared and restoring them stays linear.
   */
  readonly restore: ((value: unknown) => unknown) | undefined;
}

/** The strict form of an object schema (see the module's description). */
export function toStrictSchema(root: Schema): StrictSchema {
  const definitions = new Map<string, Restorer | undefined>();
  const convert = (node: unknown): { schema: unknown; restorer: Restorer | undefined } => strict(node, definitions);
  const { schema, restorer } = convert(root);
  const converted = { ...(schema as Schema) };
  for (const keyword of ["$defs", "definitions"] as const) {
    const defs = root[keyword];
    if (typeof defs !== "object" || defs === null) continue;
    const strictDefs: Record<string, unknown> = {};
    for (const [name, def] of Object.entries(defs)) {
      const result = convert(def);
      strictDefs[name] = result.schema;
      definitions.set(`#/${keyword}/${name}`, result.restorer);
    }
    converted[keyword] = strictDefs;
  }
  if (restorer === undefined && [...definitions.values()].every((def) => def === undefined)) {
    return { schema: converted, restore: undefined };
  }
  const cache = new WeakMap<object, unknown>();
  const restore = (value: unknown, by: Restorer | undefined): unknown => {
    if (by === undefined || typeof value !== "object" || value === null) return value;
    if (by.ref !== undefined) return restore(value, definitions.get(by.ref));
    const cached = cache.get(value);
    if (cached !== undefined) return cached;
    const restored = Array.isArray(value) ? restoreArray(value, by, restore) : restoreObject(value, by, restore);
    // Only complete values are frozen by the parser; an open container is fresh in each snapshot anyway.
    cache.set(value, restored);
    return restored;
  };
  return { schema: converted, restore: (value) => restore(value, restorer) };
}

type Restore = (value: unknown, by: Restorer | undefined) => unknown;

function restoreArray(value: readonly unknown[], by: Restorer, restore: Restore): unknown {
  if (by.items === undefined) return value;
  let copy: unknown[] | undefined;
  value.forEach((item, index) => {
    const restored = restore(item, by.items);
    if (restored === item) return;
    copy ??= value.slice();
    copy[index] = restored;
  });
  return copy ?? value;
}

function restoreObject(value: object, by: Restorer, restore: Restore): unknown {
  const entries = value as Record<string, unknown>;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(entries)) {
    const item = entries[key];
    if (item === null && by.optional.has(key)) {
      copy ??= { ...entries };
      delete copy[key];
      continue;
    }
    const restored = restore(item, by.properties.get(key));
    if (restored === item) continue;
    copy ??= { ...entries };
    copy[key] = restored;
  }
  return copy ?? value;
}

function strict(
  node: unknown,
  definitions: ReadonlyMap<string, Restorer | undefined>,
): { schema: unknown; restorer: Restorer | undefined } {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return { schema: node, restorer: undefined };
  const schema: Record<string, unknown> = { ...(node as Schema) };
  delete schema.$defs;
  delete schema.definitions;
  if (typeof schema.$ref === "string") {
    return { schema, restorer: emptyRestorer({ ref: schema.$ref }) };
  }
  if (Array.isArray(schema.anyOf)) schema.anyOf = schema.anyOf.map((branch) => strict(branch, definitions).schema);
  let items: Restorer | undefined;
  if (schema.items !== undefined) {
    const converted = strict(schema.items, definitions);
    schema.items = converted.schema;
    items = converted.restorer;
  }
  const properties = schema.properties;
  if (typeof properties !== "object" || properties === null) {
    return { schema, restorer: items === undefined ? undefined : emptyRestorer({ items }) };
  }
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  const optional = new Set<string>();
  const restorers = new Map<string, Restorer>();
  const strictProperties: Record<string, unknown> = {};
  for (const [name, property] of Object.entries(properties)) {
    const converted = strict(property, definitions);
    let propertySchema = converted.schema;
    if (!required.has(name) && !allowsNull(property)) {
      propertySchema = nullable(propertySchema);
      optional.add(name);
    }
    strictProperties[name] = propertySchema;
    if (converted.restorer !== undefined) restorers.set(name, converted.restorer);
  }
  schema.properties = strictProperties;
  schema.required = Object.keys(strictProperties);
  if (schema.additionalProperties === undefined) schema.additionalProperties = false;
  const trivial = optional.size === 0 && restorers.size === 0 && items === undefined;
  return { schema, restorer: trivial ? undefined : { optional, properties: restorers, items, ref: undefined } };
}

function emptyRestorer(fields: Partial<Restorer>): Restorer {
  return { optional: new Set(), properties: new Map(), items: undefined, ref: undefined, ...fields };
}

function allowsNull(schema: unknown): boolean {
  if (typeof schema !== "object" || schema === null) return false;
  const { type, anyOf } = schema as Schema;
  if (type === "null" || (Array.isArray(type) && type.includes("null"))) return true;
  return Array.isArray(anyOf) && anyOf.some(allowsNull);
}

function nullable(schema: unknown): unknown {
  const node = schema as Schema;
  const { type } = node;
  if (typeof type === "string" && node.enum === undefined && node.const === undefined) {
    return { ...node, type: [type, "null"] };
  }
  if (Array.isArray(type) && node.enum === undefined && node.const === undefined)
    return { ...node, type: [...type, "null"] };
  // An enum, a const, an anyOf or a $ref: one more branch.
  const { description, ...rest } = node;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: "null" }] };
}
