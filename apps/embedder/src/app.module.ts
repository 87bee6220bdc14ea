import { Module } from '@nestjs/common';
import { EmbeddingModule } from './embedding/embedding.module';

@Module({ imports: [EmbeddingModule] })
export class AppModule {}
