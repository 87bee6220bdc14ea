// These two packages ship no type declarations.
declare module 'wink-porter2-stemmer' {
  function stem(word: string): string;
  export = stem;
}

declare module 'stopword' {
  export const eng: string[];
}
