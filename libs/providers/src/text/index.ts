export { cjkTerms, hasCjk, spaceCjkRuns } from './cjk-terms';
