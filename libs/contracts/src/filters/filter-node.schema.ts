import { z } from 'zod';
import { columnFields, comparisonOps, listOps, type FilterNode } from './filter.types';

const fieldSchema = z.union([z.enum(columnFields), z.object({ metadata: z.string().min(1) })]);
const scalarSchema = z.union([z.string(), z.number(), z.boolean()]);

/** A parsed filter tree on the wire; shape only, the dialect's rules were applied by the parser. */
export const filterNodeSchema: z.ZodType<FilterNode> = z.lazy(() =>
  z.union([
    z.object({ type: z.literal('and'), children: z.array(filterNodeSchema) }),
    z.object({ type: z.literal('or'), children: z.array(filterNodeSchema) }),
    z.object({ type: z.literal('not'), child: filterNodeSchema }),
    z.object({
      type: z.literal('condition'),
      field: fieldSchema,
      op: z.enum(comparisonOps),
      value: scalarSchema,
    }),
    z.object({
      type: z.literal('condition'),
      field: fieldSchema,
      op: z.enum(listOps),
      value: z.array(scalarSchema),
    }),
    z.object({
      type: z.literal('condition'),
      field: fieldSchema,
      op: z.literal('exists'),
      value: z.literal(true),
    }),
  ]),
);
