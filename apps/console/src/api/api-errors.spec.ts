import { errorMessage } from './api-errors';

describe('errorMessage', () => {
  it('gives a Mem0 detail as it is', () => {
    expect(errorMessage(401, { detail: 'Invalid API key.' })).toBe('Invalid API key.');
  });

  it('names the field of each FastAPI validation issue', () => {
    const body = {
      detail: [
        { loc: ['body', 'text'], msg: 'String should have at least 1 character' },
        { loc: ['query', 'page'], msg: 'Input should be a valid integer' },
      ],
    };
    expect(errorMessage(422, body)).toBe(
      'text: String should have at least 1 character; query.page: Input should be a valid integer',
    );
  });

  it('joins Django-REST field errors, leaving non-field ones unnamed', () => {
    const body = { url: ['Enter a valid URL.'], non_field_errors: ['Invalid data.'] };
    expect(errorMessage(400, body)).toBe('url: Enter a valid URL.; Invalid data.');
  });

  it('reads a bare list of messages', () => {
    expect(errorMessage(400, ['One of the filters is required!'])).toBe(
      'One of the filters is required!',
    );
  });

  it('says the status when the body has no message', () => {
    expect(errorMessage(502, 'Bad Gateway')).toBe('The server answered 502 without a message.');
  });
});
