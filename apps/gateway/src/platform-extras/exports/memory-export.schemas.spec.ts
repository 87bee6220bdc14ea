import type { MemoryExport } from '@mnemo/contracts';
import { exportCreateSchema, toExportAnswer } from './memory-export.schemas';

const stored: MemoryExport = {
  id: 'e1',
  projectId: 'p1',
  status: 'SUCCEEDED',
  schema: {},
  filters: {},
  exportInstructions: null,
  result: { memories: ['Likes sushi'] },
  error: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

describe('memory export schemas', () => {
  it('takes the schema as an object or as a JSON string of one', () => {
    const schema = { type: 'object' };
    expect(exportCreateSchema.parse({ schema }).schema).toEqual(schema);
    expect(exportCreateSchema.parse({ schema: JSON.stringify(schema) }).schema).toEqual(schema);
    expect(exportCreateSchema.safeParse({ schema: '[1]' }).error?.issues[0].message).toBe(
      'schema must be a JSON object or a JSON string of one',
    );
    expect(exportCreateSchema.safeParse({ schema: '{nope' }).success).toBe(false);
    expect(exportCreateSchema.safeParse({}).success).toBe(false);
  });

  it('answers the export itself once built, and a status while building or failed', () => {
    expect(toExportAnswer(stored)).toEqual({ memories: ['Likes sushi'] });
    expect(toExportAnswer({ ...stored, status: 'RUNNING', result: null })).toEqual({
      id: 'e1',
      status: 'PENDING',
      message: 'The memory export is still being prepared. Try again in a few seconds.',
    });
    expect(toExportAnswer({ ...stored, status: 'FAILED', error: 'vector-store down' })).toEqual({
      id: 'e1',
      status: 'FAILED',
      error: 'vector-store down',
    });
  });
});
