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

/** Wrappers whose values are their inner schema's (what they add is no key). */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'nonoptional', 'readonly', 'catch']);

/** The schema a wrapper (or a pipe's input) holds the value by; undefined for any other kind. */
function wrapped(def: Def): z.core.$ZodType | undefined {
  if (WRAPPERS.has(def.type)) return def.innerType;
  return def.type === 'pipe' ? def.in : undefined;
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The keys of a value (one the schema accepted) that the schema does not know, at every level, as
 * dotted paths: `mood`, `entries.2.tone`. None: an empty list.
 */
export function unknownKeys(schema: z.core.$ZodType, value: unknown): string[] {
  const found: string[] = [];
  findUnknown(walkOf(schema), value, [], found);
  return found;
}

/**
 * What the walk of unknownKeys needs of a schema, worked out once per schema: the keys of an object
 * (each with the walk of its values), the items of a list, the values of a record, the options of a
 * union; `none` where no value can hold a key (a scalar, or what the walk does not step into). A first
 * index build walks every session of a team, and would otherwise read each level's zod definition
 * anew for every object of every session.
 */
type Walk =
  | { kind: 'object'; keys: Map<string, Walk> }
  | { kind: 'array'; items: Walk }
  | { kind: 'record'; values: Walk }
  | { kind: 'union'; def: Def }
  | { kind: 'none' };

const NONE: Walk = { kind: 'none' };

const walks = new WeakMap<z.core.$ZodType, Walk>();

/** The walk of a schema; one that refers back to itself gets the walk being worked out. */
function walkOf(schema: z.core.$ZodType): Walk {
  const known = walks.get(schema);
  if (known) return known;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!def.shape) return remembered(schema, NONE);
      const walk: Walk = { kind: 'object', keys: new Map() };
      walks.set(schema, walk);
      for (const [key, inner] of Object.entries(def.shape)) walk.keys.set(key, walkOf(inner));
      return walk;
    }
    case 'array': {
      const walk: Walk = { kind: 'array', items: NONE };
      walks.set(schema, walk);
      if (def.element) walk.items = walkOf(def.element);
      return walk;
    }
    case 'record': {
      const walk: Walk = { kind: 'record', values: NONE };
      walks.set(schema, walk);
      if (def.valueType) walk.values = walkOf(def.valueType);
      return walk;
    }
    case 'union':
      return remembered(schema, { kind: 'union', def });
    default: {
      const inner = wrapped(def);
      return remembered(schema, inner ? walkOf(inner) : NONE);
    }
  }
}

function remembered(schema: z.core.$ZodType, walk: Walk): Walk {
  walks.set(schema, walk);
  return walk;
}

/**
 * The walk of unknownKeys, which only looks: it allocates nothing for a key it knows and steps into a
 * value only when it is an object or a list that can hold a key. `path` is where it is, pushed and
 * popped as it goes.
 */
function findUnknown(walk: Walk, value: unknown, path: (string | number)[], found: string[]): void {
  if (typeof value !== 'object' || value === null) return;
  switch (walk.kind) {
    case 'object': {
      if (!isPlainObject(value)) return;
      for (const key of Object.keys(value)) {
        const known = walk.keys.get(key);
        if (known === undefined) {
          found.push([...path, key].join('.'));
          continue;
        }
        const item = value[key];
        if (known.kind === 'none' || typeof item !== 'object' || item === null) continue;
        path.push(key);
        findUnknown(known, item, path, found);
        path.pop();
      }
      return;
    }
    case 'array': {
      const items = walk.items;
      if (!Array.isArray(value) || items.kind === 'none') return;
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        path.push(i);
        findUnknown(items, item, path, found);
        path.pop();
      }
      return;
    }
    case 'record': {
      if (!isPlainObject(value) || walk.values.kind === 'none') return;
      for (const key of Object.keys(value)) {
        path.push(key);
        findUnknown(walk.values, value[key], path, found);
        path.pop();
      }
      return;
    }
    case 'union': {
      const option = optionFor(walk.def, value);
      if (option) findUnknown(walkOf(option), value, path, found);
      return;
    }
    default:
      return;
  }
}

/** A copy of a value (one the schema accepted) without the keys the schema does not know. */
export function knownOnly<T>(schema: z.core.$ZodType, value: T): T {
  return strip(schema, value) as T;
}

function strip(schema: z.core.$ZodType, value: unknown): unknown {
  // Only objects and arrays hold keys.
  if (typeof value !== 'object' || value === null) return value;
  const def = defOf(schema);
  switch (def.type) {
    case 'object': {
      if (!isPlainObject(value) || !def.shape) return value;
      const out: Record<string, unknown> = {};
      // In the schema's order, whatever the value's: a session kept as journey built it (in its
      // folder's cache: store/sessions.ts rememberSession) comes out as one read from its file.
      for (const [key, known] of Object.entries(def.shape)) {
        if (Object.hasOwn(value, key)) out[key] = strip(known, value[key]);
      }
      return out;
    }
    case 'array': {
      if (!Array.isArray(value) || !def.element) return value;
      const element = def.element;
      return value.map((item) => strip(element, item));
    }
    case 'record': {
      if (!isPlainObject(value) || !def.valueType) return value;
      const valueType = def.valueType;
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = strip(valueType, item);
      return out;
    }
    case 'union': {
      const option = optionFor(def, value);
      return option ? strip(option, value) : value;
    }
    default: {
      const inner = wrapped(def);
      return inner ? strip(inner, value) : value;
    }
  }
}

/**
 * The option of a union that read the value: the one its discriminator names, else the first that
 * accepts it. Options that can only read a scalar, or only the other of a list and a map, are passed
 * over without a parse (a failed parse builds an error, and an answer's union has five options).
 */
function optionFor(def: Def, value: object): z.core.$ZodType | undefined {
  const options = def.options ?? [];
  if (def.discriminator !== undefined && isPlainObject(value)) {
    const tag = value[def.discriminator];
    const named = options.find((o) => o._zod.propValues?.[def.discriminator as string]?.has(tag as never));
    if (named) return named;
  }
  const shape = Array.isArray(value) ? 'list' : 'map';
  const candidates = options.filter((o) => {
    const reads = readsOnly(o);
    return reads === 'any' || reads === shape;
  });
  if (candidates.length === 1 && readsOnly(candidates[0] as z.core.$ZodType) === shape) return candidates[0];
  return candidates.find((o) => z.safeParse(o, value).success);
}

/** Schema types that never accept an object or an array. */
const SCALAR_TYPES = new Set([
  'string',
  'number',
  'boolean',
  'bigint',
  'enum',
  'literal',
  'null',
  'undefined',
]);

/** The only kind of value a schema can accept (through optional and its kin), or 'any' when it cannot be told. */
function readsOnly(schema: z.core.$ZodType): 'scalar' | 'list' | 'map' | 'any' {
  const def = defOf(schema);
  if (SCALAR_TYPES.has(def.type)) return 'scalar';
  if (def.type === 'array') return 'list';
  if (def.type === 'object' || def.type === 'record') return 'map';
  return 'any';
}
