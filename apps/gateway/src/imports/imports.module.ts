import { Module } from '@nestjs/common';
import { MemoryImportHttpController } from './memory-import.http.controller';
import { MemoryImportService } from './memory-import.service';

/** Bringing memories in from Mem0 (the `mnemo import` CLI's server side). */
@Module({
  controllers: [MemoryImportHttpController],
  providers: [MemoryImportService],
})
export class ImportsModule {}
