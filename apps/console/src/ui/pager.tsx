import { plural } from './format';

interface PagerProps {
  page: number;
  pageSize: number;
  count: number;
  noun: string;
  hrefOf: (page: number) => string;
}

/** Previous / next links (plain links: the page number is in the URL, so Back works). */
export function Pager({ page, pageSize, count, noun, hrefOf }: PagerProps) {
  const last = Math.max(1, Math.ceil(count / pageSize));
  return (
    <nav class="pager" aria-label="Pages">
      {page > 1 ? (
        <a href={hrefOf(page - 1)} rel="prev">
          ← Previous
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {last} · {plural(count, noun)}
      </span>
      {page < last ? (
        <a href={hrefOf(page + 1)} rel="next">
          Next →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** The page number in a URL parameter: 1 unless it is a positive integer. */
export function pageParam(raw: string | undefined): number {
  const page = Number(raw);
  return Number.isInteger(page) && page > 0 ? page : 1;
}
