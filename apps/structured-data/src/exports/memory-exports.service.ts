import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type {
  createMemoryExportContract,
  getMemoryExportContract,
  MemoryExport,
  ParsedRequestOf,
} from '@mnemo/contracts';
import { compileJsonSchema } from '../json-schema/json-schema.validator';
import { MemorySource } from '../memories/memory-source';
import { filtersFingerprint } from './filters-fingerprint';
import { MemoryExportBuilder } from './memory-export.builder';
import { MemoryExportEntity } from './memory-export.entity';
import { MemoryExportsRepository } from './memory-exports.repository';

type CreateRequest = ParsedRequestOf<typeof createMemoryExportContract>;
type GetRequest = ParsedRequestOf<typeof getMemoryExportContract>;

/** Queues exports (checked first, built in the background) and finds them again. */
@Injectable()
export class MemoryExportsService {
  constructor(
    private readonly repository: MemoryExportsRepository,
    private readonly builder: MemoryExportBuilder,
    private readonly source: MemorySource,
  ) {}

  async create(request: CreateRequest): Promise<string> {
    compileJsonSchema(request.schema);
    this.source.scopeOf(request.filters);
    const now = new Date();
    const entity = Object.assign(new MemoryExportEntity(), {
      projectId: request.projectId,
      id: randomUUID(),
      status: 'PENDING',
      schema: request.schema,
      filters: request.filters,
      filtersHash: filtersFingerprint(request.filters),
      exportInstructions: request.exportInstructions ?? null,
      result: null,
      error: null,
      attempts: 0,
      leaseUntil: null,
      createdAt: now,
      updatedAt: now,
    } satisfies MemoryExportEntity);
    await this.repository.insert(entity);
    this.builder.kick({ projectId: entity.projectId, id: entity.id });
    return entity.id;
  }

  async find(request: GetRequest): Promise<MemoryExport | null> {
    const row = request.exportId
      ? await this.repository.find({ projectId: request.projectId, id: request.exportId })
      : await this.repository.latest(
          request.projectId,
          request.filters === undefined ? undefined : filtersFingerprint(request.filters),
        );
    return row ? toMemoryExport(row) : null;
  }
}

function toMemoryExport(row: MemoryExportEntity): MemoryExport {
  return {
    id: row.id,
    projectId: row.projectId,
    status: row.status,
    schema: row.schema,
    filters: row.filters,
    exportInstructions: row.exportInstructions,
    result: row.result ?? null,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
