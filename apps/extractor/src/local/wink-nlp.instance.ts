import winkNLP, { type WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

let instance: WinkMethods | undefined;

/** The process-wide wink-nlp pipeline; the model takes about 250 ms to load, so it loads once, lazily. */
export function winkNlp(): WinkMethods {
  instance ??= winkNLP(model);
  return instance;
}
