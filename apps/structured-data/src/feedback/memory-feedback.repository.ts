import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MemoryFeedbackEntity } from './memory-feedback.entity';

/** All SQL on memory feedback: rows are only ever added. */
@Injectable()
export class MemoryFeedbackRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(entity: MemoryFeedbackEntity): Promise<void> {
    await this.dataSource.manager.insert(MemoryFeedbackEntity, entity);
  }
}
