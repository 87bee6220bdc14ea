import { DomainError } from '@mnemo/contracts';
import { offsetOf, pageEnvelope, pageRequest, slicePage } from './pagination';

const options = { defaultSize: 100, maxSize: 200 };

describe(pageRequest.name, () => {
  it('defaults to page 1 and the default size when nothing is given', () => {
    expect(pageRequest([{}, {}], options)).toEqual({ page: 1, pageSize: 100, explicit: false });
  });

  it('prefers the query over the body and parses query strings', () => {
    expect(pageRequest([{ page: '3' }, { page: 9, page_size: 5 }], options)).toEqual({
      page: 3,
      pageSize: 5,
      explicit: true,
    });
  });

  it('is explicit only when both page and page_size are named', () => {
    expect(pageRequest([{ page: '2' }], options).explicit).toBe(false);
    expect(pageRequest([{ page_size: '2' }], options).explicit).toBe(false);
  });

  it('clamps page_size to the maximum', () => {
    expect(pageRequest([{ page_size: '5000' }], options).pageSize).toBe(200);
  });

  it('ignores empty strings and nulls as absent', () => {
    expect(pageRequest([{ page: '' }, { page: null, page_size: 7 }], options)).toEqual({
      page: 1,
      pageSize: 7,
      explicit: false,
    });
  });

  it.each([['0'], ['-1'], ['1.5'], ['abc'], [true]])('rejects page %p with a 400', (page) => {
    const attempt = () => pageRequest([{ page }], options);
    expect(attempt).toThrow(DomainError);
    expect(attempt).toThrow('page must be a positive integer');
  });
});

describe(pageEnvelope.name, () => {
  const url = new URL('http://mnemo.test:8080/v3/memories/?org_id=o1&page=2&page_size=2');

  it('links both neighbours with absolute URLs that keep other parameters', () => {
    const envelope = pageEnvelope(url, { page: 2, pageSize: 2, explicit: true }, 5, ['c', 'd']);
    expect(envelope).toEqual({
      count: 5,
      next: 'http://mnemo.test:8080/v3/memories/?org_id=o1&page=3&page_size=2',
      previous: 'http://mnemo.test:8080/v3/memories/?org_id=o1&page=1&page_size=2',
      results: ['c', 'd'],
    });
  });

  it('has no next link on the last page and none at all for a single page', () => {
    const last = pageEnvelope(url, { page: 3, pageSize: 2, explicit: true }, 5, ['e']);
    expect(last.next).toBeNull();
    const only = pageEnvelope(
      new URL('http://h/v1/entities/'),
      { page: 1, pageSize: 10, explicit: false },
      3,
      [],
    );
    expect(only).toEqual({ count: 3, next: null, previous: null, results: [] });
  });

  it('points previous at the last real page when the page is past the end', () => {
    const beyond = pageEnvelope(url, { page: 9, pageSize: 2, explicit: true }, 5, []);
    expect(beyond.next).toBeNull();
    expect(beyond.previous).toBe(
      'http://mnemo.test:8080/v3/memories/?org_id=o1&page=3&page_size=2',
    );
  });

  it('adds page parameters to a URL that had none', () => {
    const plain = pageEnvelope(
      new URL('https://api.example/v3/memories/'),
      { page: 1, pageSize: 1, explicit: false },
      2,
      ['a'],
    );
    expect(plain.next).toBe('https://api.example/v3/memories/?page=2&page_size=1');
  });
});

describe(slicePage.name, () => {
  it('cuts the requested page out of a whole list', () => {
    const request = { page: 2, pageSize: 2, explicit: true };
    expect(offsetOf(request)).toBe(2);
    expect(slicePage(['a', 'b', 'c', 'd', 'e'], request)).toEqual(['c', 'd']);
    expect(slicePage(['a'], request)).toEqual([]);
  });
});
