/**
 * The strict variant of a schema (IPC-1, docs/security.md: strict objects at the
 * process boundary). The exchange FILE keeps unknown properties (extensions), so its shapes are
 * loose; an IPC message may carry nothing the store does not know. Rather than a second copy of
 * every shape, the contract derives strict variants from the same shapes: every object, at any
 * depth (inside arrays, records, optionals, unions), refuses unknown keys; bounds and refinements
 * stay as they are. Pure.
 */
import { z } from 'zod';

type AnyDef = { type: string } & Record<string, unknown>;
type Cloneable = z.ZodType & { clone(def: AnyDef): z.ZodType };

/** `schema` with every nested object strict. */
export function strictVariant<S extends z.ZodType>(schema: S): S {
  return convert(schema) as S;
}

function convert(schema: z.ZodType): z.ZodType {
  const def = schema._zod.def as unknown as AnyDef;
  const node = schema as Cloneable;
  switch (def.type) {
    case 'object': {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, z.ZodType>).map(([key, value]) => [key, convert(value)]));
      return node.clone({ ...def, shape, catchall: z.never() });
    }
    case 'array':
      return node.clone({ ...def, element: convert(def.element as z.ZodType) });
    case 'record':
      return node.clone({ ...def, valueType: convert(def.valueType as z.ZodType) });
    case 'optional':
    case 'nullable':
    case 'default':
    case 'readonly':
      return node.clone({ ...def, innerType: convert(def.innerType as z.ZodType) });
    case 'union':
      return node.clone({ ...def, options: (def.options as z.ZodType[]).map(convert) });
    case 'pipe':
      return node.clone({ ...def, in: convert(def.in as z.ZodType) });
    default:
      return schema;
  }
}
