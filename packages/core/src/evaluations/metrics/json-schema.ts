/**
 * The `json_schema` metric: the output, parsed as JSON, conforms to the run's schema. No JSON Schema
 * library is a dependency of core, so this validates a documented subset (decision
 * 0038-eval-metrics-*) and refuses, when the run is created, a schema that uses anything
 * else — a keyword silently ignored would let every output pass.
 *
 * Supported: boolean schemas; `type` (one or a list of null, boolean, object, array, number,
 * integer, string); `enum`, `const`; `properties`, `required`, `additionalProperties` (boolean or
 * schema), `minProperties`, `maxProperties`; `items` (one schema for every element), `minItems`,
 * `maxItems`, `uniqueItems`; `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum` (numbers),
 * `multipleOf`; `minLength`, `maxLength` (in code points), `pattern` (JavaScript, `u` flag);
 * `allOf`, `anyOf`, `oneOf`, `not`. Annotations (`$schema`, `$id`, `$comment`, `title`,
 * `description`, `default`, `examples`, `format`, `deprecated`, `readOnly`, `writeOnly`, `$defs`,
 * `definitions`) are accepted and not checked. Not supported: `$ref`, `patternProperties`,
 * `dependentRequired`, `if`/`then`/`else`, tuple `items`/`prefixItems`, `contains`, and the rest.
 */

type Schema = boolean | Record<string, unknown>;

const TYPES = new Set(["null", "boolean", "object", "array", "number", "integer", "string"]);
const ANNOTATIONS = new Set([
  "$schema",
  "$id",
  "$comment",
  "title",
  "description",
  "default",
  "examples",
  "format",
  "deprecated",
  "readOnly",
  "writeOnly",
  "$defs",
  "definitions",
]);
const NUMBER_KEYWORDS = ["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"] as const;
const COUNT_KEYWORDS = [
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
  "minProperties",
  "maxProperties",
] as const;
const SUPPORTED = new Set<string>([
  "type",
  "enum",
  "const",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "uniqueItems",
  "multipleOf",
  "pattern",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  ...NUMBER_KEYWORDS,
  ...COUNT_KEYWORDS,
]);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Why the schema cannot be used (first problem found, with its JSON pointer), or null. */
export function checkJsonSchema(schema: unknown, path = "#"): string | null {
  if (typeof schema === "boolean") return null;
  if (!isObject(schema)) return `${path}: a schema must be an object or a boolean`;
  for (const [key, v] of Object.entries(schema)) {
    const at = `${path}/${key}`;
    if (ANNOTATIONS.has(key)) continue;
    if (!SUPPORTED.has(key))
      return `${at}: keyword "${key}" is not supported (see the guide's Metrics section)`;
    switch (key) {
      case "type": {
        const list = Array.isArray(v) ? v : [v];
        if (list.length === 0 || !list.every((t) => typeof t === "string" && TYPES.has(t)))
          return `${at}: must be one of ${[...TYPES].join(", ")} or a list of them`;
        break;
      }
      case "enum":
        if (!Array.isArray(v)) return `${at}: must be an array`;
        break;
      case "required":
        if (!Array.isArray(v) || !v.every((x) => typeof x === "string"))
          return `${at}: must be an array of strings`;
        break;
      case "properties":
        if (!isObject(v)) return `${at}: must be an object of schemas`;
        for (const [name, sub] of Object.entries(v)) {
          const problem = checkJsonSchema(sub, `${at}/${name}`);
          if (problem) return problem;
        }
        break;
      case "additionalProperties":
      case "items":
      case "not": {
        if (Array.isArray(v)) return `${at}: must be one schema (tuple form is not supported)`;
        const problem = checkJsonSchema(v, at);
        if (problem) return problem;
        break;
      }
      case "allOf":
      case "anyOf":
      case "oneOf":
        if (!Array.isArray(v) || v.length === 0) return `${at}: must be a non-empty array of schemas`;
        for (const [i, sub] of v.entries()) {
          const problem = checkJsonSchema(sub, `${at}/${i}`);
          if (problem) return problem;
        }
        break;
      case "pattern":
        if (typeof v !== "string") return `${at}: must be a string`;
        try {
          new RegExp(v, "u");
        } catch (err) {
          return `${at}: ${(err as Error).message}`;
        }
        break;
      case "uniqueItems":
        if (typeof v !== "boolean") return `${at}: must be a boolean`;
        break;
      case "multipleOf":
        if (typeof v !== "number" || !(v > 0)) return `${at}: must be a number above 0`;
        break;
      default:
        if (
          (NUMBER_KEYWORDS as readonly string[]).includes(key) &&
          (typeof v !== "number" || !Number.isFinite(v))
        )
          return `${at}: must be a number`;
        if (
          (COUNT_KEYWORDS as readonly string[]).includes(key) &&
          (!Number.isInteger(v) || (v as number) < 0)
        )
          return `${at}: must be a non-negative integer`;
    }
  }
  return null;
}

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/**
 * The ways `value` breaks `schema` (`path: message`), empty when it conforms. Assumes the schema
 * passed `checkJsonSchema`; anything it cannot read is treated as a failure, never thrown.
 */
export function validateJsonSchema(value: unknown, schema: Schema, path = "$"): string[] {
  if (schema === true) return [];
  if (schema === false) return [`${path}: no value is allowed here`];
  if (!isObject(schema)) return [`${path}: unreadable schema`];
  const errors: string[] = [];
  const s = schema;
  const t = typeOf(value);
  if (s.type !== undefined) {
    const types = (Array.isArray(s.type) ? s.type : [s.type]) as string[];
    const ok = types.some(
      (want) => want === t || (want === "integer" && t === "number" && Number.isInteger(value)),
    );
    if (!ok) return [`${path}: expected ${types.join(" or ")}, got ${t}`];
  }
  if (Array.isArray(s.enum) && !s.enum.some((e) => deepEqual(e, value)))
    errors.push(`${path}: not one of the allowed values`);
  if ("const" in s && !deepEqual(s.const, value)) errors.push(`${path}: not the required constant`);

  if (t === "number") {
    const n = value as number;
    if (typeof s.minimum === "number" && n < s.minimum) errors.push(`${path}: below minimum ${s.minimum}`);
    if (typeof s.maximum === "number" && n > s.maximum) errors.push(`${path}: above maximum ${s.maximum}`);
    if (typeof s.exclusiveMinimum === "number" && n <= s.exclusiveMinimum)
      errors.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (typeof s.exclusiveMaximum === "number" && n >= s.exclusiveMaximum)
      errors.push(`${path}: not below ${s.exclusiveMaximum}`);
    if (typeof s.multipleOf === "number" && s.multipleOf > 0) {
      const q = n / s.multipleOf;
      if (Math.abs(q - Math.round(q)) > 1e-9) errors.push(`${path}: not a multiple of ${s.multipleOf}`);
    }
  }
  if (t === "string") {
    const str = value as string;
    const len = Array.from(str).length;
    if (typeof s.minLength === "number" && len < s.minLength)
      errors.push(`${path}: shorter than ${s.minLength}`);
    if (typeof s.maxLength === "number" && len > s.maxLength)
      errors.push(`${path}: longer than ${s.maxLength}`);
    if (typeof s.pattern === "string") {
      let re: RegExp | null = null;
      try {
        re = new RegExp(s.pattern, "u");
      } catch {
        errors.push(`${path}: unusable pattern`);
      }
      if (re && !re.test(str)) errors.push(`${path}: does not match ${s.pattern}`);
    }
  }
  if (t === "array") {
    const arr = value as unknown[];
    if (typeof s.minItems === "number" && arr.length < s.minItems)
      errors.push(`${path}: fewer than ${s.minItems} items`);
    if (typeof s.maxItems === "number" && arr.length > s.maxItems)
      errors.push(`${path}: more than ${s.maxItems} items`);
    if (s.uniqueItems === true && arr.some((x, i) => arr.findIndex((y) => deepEqual(x, y)) !== i))
      errors.push(`${path}: items are not unique`);
    if (s.items !== undefined)
      arr.forEach((item, i) => {
        errors.push(...validateJsonSchema(item, s.items as Schema, `${path}[${i}]`));
      });
  }
  if (t === "object") {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (typeof s.minProperties === "number" && keys.length < s.minProperties)
      errors.push(`${path}: fewer than ${s.minProperties} properties`);
    if (typeof s.maxProperties === "number" && keys.length > s.maxProperties)
      errors.push(`${path}: more than ${s.maxProperties} properties`);
    if (Array.isArray(s.required))
      for (const name of s.required as string[])
        if (!Object.hasOwn(obj, name)) errors.push(`${path}: missing required property "${name}"`);
    const props = isObject(s.properties) ? s.properties : {};
    for (const key of keys) {
      const at = `${path}.${key}`;
      if (Object.hasOwn(props, key)) errors.push(...validateJsonSchema(obj[key], props[key] as Schema, at));
      else if (s.additionalProperties !== undefined)
        errors.push(...validateJsonSchema(obj[key], s.additionalProperties as Schema, at));
    }
  }
  if (Array.isArray(s.allOf))
    for (const sub of s.allOf) errors.push(...validateJsonSchema(value, sub as Schema, path));
  if (
    Array.isArray(s.anyOf) &&
    !s.anyOf.some((sub) => validateJsonSchema(value, sub as Schema, path).length === 0)
  )
    errors.push(`${path}: matches none of anyOf`);
  if (Array.isArray(s.oneOf)) {
    const matching = s.oneOf.filter(
      (sub) => validateJsonSchema(value, sub as Schema, path).length === 0,
    ).length;
    if (matching !== 1) errors.push(`${path}: matches ${matching} of oneOf, not exactly one`);
  }
  if (s.not !== undefined && validateJsonSchema(value, s.not as Schema, path).length === 0)
    errors.push(`${path}: matches a schema it must not`);
  return errors;
}

/** 1 when the output parses as JSON and conforms to the schema, else 0. */
export function jsonSchemaMatch(output: string, schema: Schema): 0 | 1 {
  let value: unknown;
  try {
    value = JSON.parse(output);
  } catch {
    return 0;
  }
  return validateJsonSchema(value, schema).length === 0 ? 1 : 0;
}

/** 1 when the output parses as JSON (surrounding white space allowed, as JSON.parse allows). */
export function jsonValid(output: string): 0 | 1 {
  try {
    JSON.parse(output);
    return 1;
  } catch {
    return 0;
  }
}
