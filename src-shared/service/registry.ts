import { z } from 'zod';

/**
 * Every schema that appears in the service's HTTP contract is registered here
 * under a stable name. The OpenAPI document is generated from this registry,
 * so a schema's name in `components.schemas` is the name given here and a
 * route can only point at a schema that the document will contain.
 */
export interface SchemaMeta {
  id: string;
  description?: string;
}

export const serviceSchemas = z.registry<SchemaMeta>();

/** Descriptions by schema name: zod's generator takes only the id from a custom registry. */
export const schemaDescriptions = new Map<string, string>();

/** Register `schema` under `id` and hand it back, so declarations stay one-liners. */
export function named<S extends z.ZodType>(id: string, schema: S, description?: string): S {
  serviceSchemas.add(schema, description === undefined ? { id } : { id, description });
  if (description !== undefined) schemaDescriptions.set(id, description);
  return schema;
}

export function schemaName(schema: z.ZodType): string | undefined {
  return serviceSchemas.get(schema)?.id;
}
