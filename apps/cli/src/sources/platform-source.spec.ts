import { platformFilters } from './platform-source';

describe('platformFilters', () => {
  it('lists every memory of the project when no scope is named', () => {
    expect(platformFilters({})).toEqual({
      OR: [{ user_id: '*' }, { agent_id: '*' }, { app_id: '*' }, { run_id: '*' }],
    });
  });

  it('names one scope plainly and ANDs several', () => {
    expect(platformFilters({ user_id: 'u' })).toEqual({ user_id: 'u' });
    expect(platformFilters({ user_id: 'u', agent_id: 'a' })).toEqual({
      AND: [{ user_id: 'u' }, { agent_id: 'a' }],
    });
  });
});
