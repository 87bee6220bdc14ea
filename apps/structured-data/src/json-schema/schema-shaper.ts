import { Inject, Injectable } from '@nestjs/common';
import type { JsonObject } from '@mnemo/contracts';
import type { Logger } from '@mnemo/observability';
import { LOGGER } from '@mnemo/service-kit';
import { LLM, type OptionalLlm } from '../llm/llm.token';
import { compileJsonSchema, type CompiledSchema } from './json-schema.validator';
import { fillSchemaWithLlm } from './llm-schema.filler';
import { shapeLocally, type ShapeSource } from './local-schema.shaper';

export interface ShapedValue {
  value: unknown;
  via: 'llm' | 'local';
  /** why the value does not validate, when even the local mapping could not satisfy the schema */
  problems?: string;
}

/** Fills a JSON Schema from memories: the LLM when configured and valid, else the local mapping. */
@Injectable()
export class SchemaShaper {
  constructor(
    @Inject(LLM) private readonly llm: OptionalLlm,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get usesLlm(): boolean {
    return this.llm !== null;
  }

  async shape(
    schema: JsonObject,
    source: ShapeSource,
    instructions?: string,
  ): Promise<ShapedValue> {
    const compiled = compileJsonSchema(schema);
    const fromLlm = await this.tryLlm(compiled, source, instructions);
    if (fromLlm !== undefined) return { value: fromLlm, via: 'llm' };
    const value = shapeLocally(schema, source);
    const check = compiled.check(value);
    if (check.valid) return { value, via: 'local' };
    this.logger.warn({ problems: check.errors }, 'local schema mapping does not validate');
    return { value, via: 'local', problems: check.errors };
  }

  private async tryLlm(
    compiled: CompiledSchema,
    source: ShapeSource,
    instructions?: string,
  ): Promise<unknown> {
    if (!this.llm) return undefined;
    try {
      const value = await fillSchemaWithLlm(this.llm, compiled.schema, source, instructions);
      const check = compiled.check(value);
      if (check.valid) return value;
      this.logger.warn({ problems: check.errors }, 'LLM output does not fit the schema');
    } catch (err) {
      this.logger.warn({ err }, 'LLM schema filling failed; using the local mapping');
    }
    return undefined;
  }
}
