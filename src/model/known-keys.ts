// Files a newer journey wrote: an object of a session or a record may hold keys this release does
// not know. They are read (the keys it knows exactly as strictly as ever), kept when journey rewrites
// the file, and otherwise ignored: found here, by walking a value beside the schema it was read by.
import { z } from 'zod';

/**
 * An object schema that keeps keys it does not know (zod's looseObject), typed as one that does not:
 * code sees only the keys this release knows, and an unknown key rides along untouched through every
 * `{ ...value, changed }` until the file is written again.
 */
export function looseObject<const Shape extends z.core.$ZodLooseShape>(
  shape: Shape,
): z.ZodObject<Shape, z.core.$strip> {
  return z.looseObject(shape) as unknown as z.ZodObject<Shape, z.core.$strip>;
}

/** The parts of a zod schema's definition this walk reads. */
interface Def {
  type: string;
  shape?: Record<string, z.core.$ZodType>;
  element?: z.core.$ZodType;
  innerType?: z.core.$ZodType;
  in?: z.core.$ZodType;
  options?: z.core.$ZodType[];
  discriminator?: string;
  valueType?: z.core.$ZodType;
}

const defOf = (schema: z.core.$ZodType): Def => schema._zod.def as unknown as Def;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The keys of a value (one the schema accepted) that the schema does not know, at every level, as
 * dotted paths: `mood`, `entries.2.tone`. None: an empty list.
 */
export function unknownKeys(schema: z.core.$ZodType, value: unknown): string[] {
  const found: string[] = [];
  walk(schema, value, undefined, (path) => found.push(pathOf(path).join('.')));
  return found;
}

/** A copy of a value (one the schema accepted) without the keys the schema does not know. */
export function knownOnly<T>(schema: z.core.$ZodType, value: T): T {
  return walk(schema, value, undefined, () => undefined, true) as T;
}

/**
 * Where the walk is, from the innermost key out: built as it goes down and turned into a list only
 * for a key found unknown (a session has hundreds of keys, and nearly never an unknown one).
 */
type Where = { up: Where; key: string | number } | undefined;

function pathOf(where: Where): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = where; at; at = at.up) path.unshift(at.key);
  return path;
}

function walk(
  schema: z.core.$ZodType,
  value: unknown,
  path: Where,
  unknown: (path: Where) => void,
  strip = false,
): unknown {
  // Only objects and arrays hold keys.
  if (typeof value !== 'object' || value === null) return value;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value) || !def.shape) return value;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        const known = Object.hasOwn(def.shape, key) ? def.shape[key] : undefined;
        if (known === undefined) {
          unknown({ up: path, key });
          if (!strip) out[key] = item;
          continue;
        }
        out[key] = walk(known, item, { up: path, key }, unknown, strip);
      }
      return strip ? out : value;
    }
    case 'array': {
      if (!Array.isArray(value) || !def.element) return value;
      const element = def.element;
      const out = value.map((item, i) => walk(element, item, { up: path, key: i }, unknown, strip));
      return strip ? out : value;
    }
    case 'record': {
      if (!isPlainObject(value) || !def.valueType) return value;
      const valueType = def.valueType;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) {
        out[key] = walk(valueType, item, { up: path, key }, unknown, strip);
      }
      return strip ? out : value;
    }
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return def.innerType ? walk(def.innerType, value, path, unknown, strip) : value;
    case 'pipe':
      return def.in ? walk(def.in, value, path, unknown, strip) : value;
    case 'union': {
      const option = optionFor(def, value);
      return option ? walk(option, value, path, unknown, strip) : value;
    }
    default:
      return value;
  }
}

/** The option of a union that read the value: the one its discriminator names, else the first that accepts it. */
function optionFor(def: Def, value: object): z.core.$ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator !== undefined && isPlainObject(value)) {
    const tag = value[def.discriminator];
    const named = options.find((o) => o._zod.propValues?.[def.discriminator as string]?.has(tag as never));
    if (named) return named;
  }
  return options.find((o) => z.safeParse(o, value).success);
}
